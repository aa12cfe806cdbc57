-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "endsOn" TEXT;
ALTER TABLE "Activity" ADD COLUMN "seriesMeetings" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "seriesId" TEXT;

-- CreateTable
CREATE TABLE "ClosedDay" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Session_seriesId_idx" ON "Session"("seriesId");
