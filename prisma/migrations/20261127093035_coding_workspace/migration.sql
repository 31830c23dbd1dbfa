-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isAdjudicator" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "blindCoding" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "nothingToCodeAt" TIMESTAMP(3),
ADD COLUMN     "nothingToCodeById" TEXT;

-- CreateTable
CREATE TABLE "Adjudication" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "adjudicatorId" TEXT NOT NULL,
    "score" SMALLINT NOT NULL,
    "rationale" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Adjudication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Adjudication_targetId_idx" ON "Adjudication"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "Adjudication_statementId_targetId_key" ON "Adjudication"("statementId", "targetId") WHERE ("deletedAt" IS NULL);

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_nothingToCodeById_fkey" FOREIGN KEY ("nothingToCodeById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_adjudicatorId_fkey" FOREIGN KEY ("adjudicatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
