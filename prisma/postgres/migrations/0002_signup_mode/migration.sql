-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "signupMode" TEXT NOT NULL DEFAULT 'session';

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "promotedAt" TIMESTAMP(3),
ADD COLUMN     "promotionNotified" BOOLEAN NOT NULL DEFAULT true;
