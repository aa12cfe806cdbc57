-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "endsOn" TEXT,
ADD COLUMN     "seriesMeetings" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "seriesId" TEXT;

-- CreateTable
CREATE TABLE "ClosedDay" (
    "day" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClosedDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "Session_seriesId_idx" ON "Session"("seriesId");
