-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'ANALYST', 'ADMIN');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('PERSON', 'GOVERNMENT', 'ORGANISATION', 'BLOC', 'GROUP');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "StatementForm" AS ENUM ('DIRECT_QUOTE', 'PARAPHRASE');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('INTERVIEW', 'PRESS_CONFERENCE', 'OFFICIAL_STATEMENT', 'REPORTED_BY_OTHERS');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('ATTACK', 'MILITARY_STRIKE', 'ASSASSINATION', 'ELECTION', 'INAUGURATION', 'AGREEMENT', 'WITHDRAWAL', 'DIPLOMATIC', 'OTHER');

-- CreateEnum
CREATE TYPE "ScenarioStatus" AS ENUM ('OPEN', 'RESOLVED_YES', 'RESOLVED_NO', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'RESTORE', 'SIGN_IN', 'SIGN_IN_FAILED', 'ROLE_CHANGE', 'ACCOUNT_CHANGE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "passwordHash" TEXT,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Actor" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ActorKind" NOT NULL,
    "office" TEXT,
    "speaksForId" TEXT,
    "wikidataId" TEXT,
    "isTrackedTarget" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "url" TEXT,
    "publishedOn" DATE NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "text" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "saidOn" DATE NOT NULL,
    "saidOnPrecision" "DatePrecision" NOT NULL,
    "form" "StatementForm" NOT NULL,
    "channel" "Channel" NOT NULL,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StanceCoding" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "saidOn" DATE NOT NULL,
    "targetId" TEXT NOT NULL,
    "coderId" TEXT NOT NULL,
    "score" SMALLINT NOT NULL,
    "isConditional" BOOLEAN NOT NULL DEFAULT false,
    "confidence" "Confidence" NOT NULL DEFAULT 'MEDIUM',
    "rationale" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "StanceCoding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "EventKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "datePrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "description" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioSet" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ScenarioSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "resolutionCriteria" TEXT NOT NULL,
    "horizonOn" DATE NOT NULL,
    "status" "ScenarioStatus" NOT NULL DEFAULT 'OPEN',
    "resolvedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioEstimate" (
    "id" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "analystId" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "rationale" TEXT NOT NULL,
    "estimatedOn" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ScenarioEstimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Actor_slug_key" ON "Actor"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Actor_wikidataId_key" ON "Actor"("wikidataId");

-- CreateIndex
CREATE INDEX "Actor_speaksForId_idx" ON "Actor"("speaksForId");

-- CreateIndex
CREATE UNIQUE INDEX "Source_contentHash_key" ON "Source"("contentHash");

-- CreateIndex
CREATE INDEX "Statement_speakerId_saidOn_idx" ON "Statement"("speakerId", "saidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_id_speakerId_saidOn_key" ON "Statement"("id", "speakerId", "saidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_sourceId_speakerId_startOffset_endOffset_key" ON "Statement"("sourceId", "speakerId", "startOffset", "endOffset");

-- CreateIndex
CREATE INDEX "StanceCoding_speakerId_targetId_saidOn_idx" ON "StanceCoding"("speakerId", "targetId", "saidOn") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE INDEX "StanceCoding_targetId_saidOn_idx" ON "StanceCoding"("targetId", "saidOn") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE INDEX "StanceCoding_coderId_idx" ON "StanceCoding"("coderId");

-- CreateIndex
CREATE UNIQUE INDEX "StanceCoding_statementId_targetId_coderId_key" ON "StanceCoding"("statementId", "targetId", "coderId") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_occurredOn_idx" ON "Event"("occurredOn");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioSet_slug_key" ON "ScenarioSet"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_slug_key" ON "Scenario"("slug");

-- CreateIndex
CREATE INDEX "Scenario_setId_idx" ON "Scenario"("setId");

-- CreateIndex
CREATE INDEX "ScenarioEstimate_scenarioId_estimatedOn_idx" ON "ScenarioEstimate"("scenarioId", "estimatedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioEstimate_scenarioId_analystId_estimatedOn_key" ON "ScenarioEstimate"("scenarioId", "analystId", "estimatedOn") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE INDEX "AuditEntry_entity_entityId_at_idx" ON "AuditEntry"("entity", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_userId_at_idx" ON "AuditEntry"("userId", "at");

-- AddForeignKey
ALTER TABLE "Actor" ADD CONSTRAINT "Actor_speaksForId_fkey" FOREIGN KEY ("speaksForId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceCoding" ADD CONSTRAINT "StanceCoding_statementId_speakerId_saidOn_fkey" FOREIGN KEY ("statementId", "speakerId", "saidOn") REFERENCES "Statement"("id", "speakerId", "saidOn") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceCoding" ADD CONSTRAINT "StanceCoding_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceCoding" ADD CONSTRAINT "StanceCoding_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceCoding" ADD CONSTRAINT "StanceCoding_coderId_fkey" FOREIGN KEY ("coderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_setId_fkey" FOREIGN KEY ("setId") REFERENCES "ScenarioSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioEstimate" ADD CONSTRAINT "ScenarioEstimate_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioEstimate" ADD CONSTRAINT "ScenarioEstimate_analystId_fkey" FOREIGN KEY ("analystId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
