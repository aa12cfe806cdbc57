-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "minAge" INTEGER,
    "maxAge" INTEGER,
    "guardianRequiredUnder" INTEGER,
    "place" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "signupMode" TEXT NOT NULL DEFAULT 'session',
    "active" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Activity" ("active", "audience", "category", "contact", "guardianRequiredUnder", "id", "maxAge", "minAge", "place", "sortOrder") SELECT "active", "audience", "category", "contact", "guardianRequiredUnder", "id", "maxAge", "minAge", "place", "sortOrder" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE TABLE "new_Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceCode" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "sessionId" TEXT,
    "participant" TEXT NOT NULL,
    "participantName" TEXT,
    "participantBirthYear" INTEGER,
    "participantPhone" TEXT,
    "guardianName" TEXT,
    "guardianPhone" TEXT,
    "status" TEXT NOT NULL,
    "waitlistedAt" DATETIME,
    "promotedAt" DATETIME,
    "promotionNotified" BOOLEAN NOT NULL DEFAULT true,
    "requestKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    CONSTRAINT "Registration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Registration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("activityId", "cancelledAt", "createdAt", "guardianName", "guardianPhone", "id", "participant", "participantBirthYear", "participantName", "participantPhone", "referenceCode", "requestKey", "residentId", "sessionId", "status", "updatedAt", "waitlistedAt") SELECT "activityId", "cancelledAt", "createdAt", "guardianName", "guardianPhone", "id", "participant", "participantBirthYear", "participantName", "participantPhone", "referenceCode", "requestKey", "residentId", "sessionId", "status", "updatedAt", "waitlistedAt" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE UNIQUE INDEX "Registration_referenceCode_key" ON "Registration"("referenceCode");
CREATE UNIQUE INDEX "Registration_requestKey_key" ON "Registration"("requestKey");
CREATE INDEX "Registration_residentId_idx" ON "Registration"("residentId");
CREATE INDEX "Registration_sessionId_status_idx" ON "Registration"("sessionId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
