-- AlterTable
ALTER TABLE "Worktree" ADD COLUMN "hints" TEXT;

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "stack" TEXT NOT NULL,
    "repoUrl" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "mutable" BOOLEAN NOT NULL,
    "submodules" BOOLEAN NOT NULL DEFAULT false,
    "keyId" TEXT,
    "buildMode" TEXT NOT NULL DEFAULT 'auto',
    "buildCommand" TEXT,
    "webRoot" TEXT NOT NULL DEFAULT '',
    "sharedPaths" TEXT NOT NULL DEFAULT '[]',
    "healthPath" TEXT NOT NULL DEFAULT '/',
    "phpIni" TEXT NOT NULL DEFAULT '{}',
    "fpmPool" TEXT NOT NULL DEFAULT '{}',
    "sessionHandler" TEXT NOT NULL DEFAULT 'files',
    "appPort" INTEGER,
    "dockerfile" TEXT,
    "customSnippet" TEXT,
    "certPem" TEXT,
    "certKeySealed" BLOB,
    "frontStatus" TEXT NOT NULL DEFAULT 'pending',
    "frontError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Site_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "DeployKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,
    CONSTRAINT "SiteDomain_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteEnvVar" (
    "siteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT,
    "secret" BOOLEAN NOT NULL DEFAULT false,
    "valueSealed" BLOB,

    PRIMARY KEY ("siteId", "name"),
    CONSTRAINT "SiteEnvVar_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "runId" TEXT,
    "sha" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" DATETIME,
    CONSTRAINT "SiteRelease_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'task',
    "taskId" TEXT,
    "siteId" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "trigger" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "replacedById" TEXT,
    "cancelRequestedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("cancelRequestedAt", "createdAt", "finishedAt", "id", "number", "reason", "replacedById", "spec", "startedAt", "status", "taskId", "trigger") SELECT "cancelRequestedAt", "createdAt", "finishedAt", "id", "number", "reason", "replacedById", "spec", "startedAt", "status", "taskId", "trigger" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_status_idx" ON "Run"("status");
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");
CREATE UNIQUE INDEX "Run_taskId_number_key" ON "Run"("taskId", "number");
CREATE UNIQUE INDEX "Run_siteId_number_key" ON "Run"("siteId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Site_name_key" ON "Site"("name");

-- CreateIndex
CREATE INDEX "Site_keyId_idx" ON "Site"("keyId");

-- CreateIndex
CREATE INDEX "SiteDomain_siteId_idx" ON "SiteDomain"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "SiteRelease_siteId_number_key" ON "SiteRelease"("siteId", "number");
