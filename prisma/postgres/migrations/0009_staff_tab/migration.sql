-- CreateTable
CREATE TABLE "RegistrationStaffNote" (
    "registrationId" TEXT NOT NULL,
    "attended" BOOLEAN,
    "attendanceAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationStaffNote_pkey" PRIMARY KEY ("registrationId")
);
