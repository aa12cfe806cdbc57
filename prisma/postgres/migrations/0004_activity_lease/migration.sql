-- AlterTable
ALTER TABLE "ProcessedActivity" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'done';
