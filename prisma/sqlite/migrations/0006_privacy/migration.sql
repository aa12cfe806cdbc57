-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT,
    "leaseUntil" DATETIME,
    "lastRunAt" DATETIME
);

-- CreateTable
CREATE TABLE "RegistrationCount" (
    "activityId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("activityId", "sessionId", "month", "status")
);
