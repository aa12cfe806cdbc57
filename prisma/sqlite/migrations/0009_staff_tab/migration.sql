-- CreateTable
CREATE TABLE "RegistrationStaffNote" (
    "registrationId" TEXT NOT NULL PRIMARY KEY,
    "attended" BOOLEAN,
    "attendanceAt" DATETIME,
    "cancelReason" TEXT,
    "updatedAt" DATETIME NOT NULL
);
