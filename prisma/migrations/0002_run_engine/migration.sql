-- CreateTable
CREATE TABLE "DeployKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "keyType" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateSealed" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "KnownHost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "keyType" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "buildRepo" TEXT,
    "buildDockerfile" TEXT,
    "command" TEXT NOT NULL,
    "env" TEXT NOT NULL DEFAULT '{}',
    "workingDir" TEXT,
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 3600,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TaskCheckout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "mutable" BOOLEAN NOT NULL,
    "keyId" TEXT,
    "submodules" BOOLEAN NOT NULL DEFAULT false,
    "mountName" TEXT NOT NULL,
    CONSTRAINT "TaskCheckout_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskCheckout_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "DeployKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "taskId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "trigger" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "replacedById" TEXT,
    "cancelRequestedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "containerId" TEXT,
    "exitCode" INTEGER,
    "logOffset" INTEGER,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "RunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "DeployKey_name_key" ON "DeployKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "KnownHost_host_port_keyType_key" ON "KnownHost"("host", "port", "keyType");

-- CreateIndex
CREATE UNIQUE INDEX "Task_name_key" ON "Task"("name");

-- CreateIndex
CREATE INDEX "TaskCheckout_keyId_idx" ON "TaskCheckout"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskCheckout_taskId_mountName_key" ON "TaskCheckout"("taskId", "mountName");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Run_taskId_number_key" ON "Run"("taskId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RunStep_runId_position_key" ON "RunStep"("runId", "position");
