-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessedActivity" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'done',
    "owner" TEXT,
    "leaseUntil" DATETIME
);
INSERT INTO "new_ProcessedActivity" ("createdAt", "key") SELECT "createdAt", "key" FROM "ProcessedActivity";
DROP TABLE "ProcessedActivity";
ALTER TABLE "new_ProcessedActivity" RENAME TO "ProcessedActivity";
CREATE INDEX "ProcessedActivity_createdAt_idx" ON "ProcessedActivity"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
