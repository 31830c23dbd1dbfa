-- AlterEnum
ALTER TYPE "SignInOutcome" ADD VALUE 'VERIFYING';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'SIGN_OUT';
ALTER TYPE "AuditAction" ADD VALUE 'SIGN_IN_UNLOCK';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "signInUnlockedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SignInRefusalCount" (
    "windowStart" TIMESTAMP(3) NOT NULL,
    "clientAddress" TEXT NOT NULL,
    "refusals" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInRefusalCount_pkey" PRIMARY KEY ("windowStart","clientAddress")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignInRefusalCount_windowStart_idx" ON "SignInRefusalCount"("windowStart");

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "UserSession_createdAt_idx" ON "UserSession"("createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
