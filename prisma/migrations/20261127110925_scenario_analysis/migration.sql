-- CreateEnum
CREATE TYPE "IndicatorEffect" AS ENUM ('SUPPORTS', 'UNDERMINES');

-- CreateEnum
CREATE TYPE "EvidenceRating" AS ENUM ('CC', 'C', 'N', 'NA', 'I', 'II');

-- AlterTable
ALTER TABLE "ScenarioEstimate" ADD COLUMN     "movedByEventIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "movedByStatementIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rule" JSONB NOT NULL,
    "effect" "IndicatorEffect" NOT NULL,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "statementId" TEXT,
    "eventId" TEXT,
    "credibility" "Confidence" NOT NULL DEFAULT 'MEDIUM',
    "note" TEXT NOT NULL DEFAULT '',
    "codingSnapshot" JSONB,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceAssessment" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "rating" "EvidenceRating" NOT NULL,
    "ratedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Indicator_scenarioId_idx" ON "Indicator"("scenarioId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_setId_statementId_key" ON "Evidence"("setId", "statementId") WHERE ("deletedAt" IS NULL AND "statementId" IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_setId_eventId_key" ON "Evidence"("setId", "eventId") WHERE ("deletedAt" IS NULL AND "eventId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "EvidenceAssessment_scenarioId_idx" ON "EvidenceAssessment"("scenarioId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceAssessment_evidenceId_scenarioId_key" ON "EvidenceAssessment"("evidenceId", "scenarioId");

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_setId_fkey" FOREIGN KEY ("setId") REFERENCES "ScenarioSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceAssessment" ADD CONSTRAINT "EvidenceAssessment_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceAssessment" ADD CONSTRAINT "EvidenceAssessment_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceAssessment" ADD CONSTRAINT "EvidenceAssessment_ratedById_fkey" FOREIGN KEY ("ratedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
