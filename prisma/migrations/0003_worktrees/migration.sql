-- CreateTable
CREATE TABLE "Worktree" (
    "volume" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "sha" TEXT,
    "checkedOutAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
