-- AlterTable (ADD COLUMN, not a table rebuild: other migrations change Registration too)
ALTER TABLE "Registration" ADD COLUMN "guardianRole" TEXT NOT NULL DEFAULT 'none';
-- The verdict of the guardian rule for registrations made before it was stored (issue 16): a parent signing
-- up a child is the guardian, a young person alone gave the name of a guardian because one had to agree.
UPDATE "Registration" SET "guardianRole" = 'signs_up' WHERE "participant" = 'child';
UPDATE "Registration" SET "guardianRole" = 'must_agree' WHERE "participant" = 'self' AND "guardianName" IS NOT NULL;

-- CreateTable
CREATE TABLE "GuardianRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "answer" TEXT,
    "answeredVia" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GuardianRequest_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResidentAddress" (
    "residentId" TEXT NOT NULL PRIMARY KEY,
    "conversationRef" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ResidentAddress_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResidentNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "vars" TEXT NOT NULL,
    "registrationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "ResidentNotice_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GuardianRequest_registrationId_key" ON "GuardianRequest"("registrationId");
CREATE UNIQUE INDEX "GuardianRequest_tokenHash_key" ON "GuardianRequest"("tokenHash");
CREATE UNIQUE INDEX "GuardianRequest_codeHash_key" ON "GuardianRequest"("codeHash");
CREATE INDEX "GuardianRequest_answeredAt_expiresAt_idx" ON "GuardianRequest"("answeredAt", "expiresAt");
CREATE INDEX "ResidentNotice_status_nextAttemptAt_idx" ON "ResidentNotice"("status", "nextAttemptAt");
CREATE INDEX "ResidentNotice_residentId_idx" ON "ResidentNotice"("residentId");
