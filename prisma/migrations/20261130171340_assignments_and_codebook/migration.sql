-- AlterTable
ALTER TABLE "StanceCoding" ADD COLUMN     "codebookVersion" INTEGER;

-- CreateTable
CREATE TABLE "AssignmentDraw" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "coderIds" TEXT[],
    "share" DOUBLE PRECISION NOT NULL,
    "overlap" DOUBLE PRECISION NOT NULL,
    "seed" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "AssignmentDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodingAssignment" (
    "id" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "coderId" TEXT NOT NULL,
    "isOverlap" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CodingAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodebookVersion" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodebookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentDraw_sourceId_key" ON "AssignmentDraw"("sourceId") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE INDEX "CodingAssignment_coderId_idx" ON "CodingAssignment"("coderId");

-- CreateIndex
CREATE INDEX "CodingAssignment_statementId_idx" ON "CodingAssignment"("statementId");

-- CreateIndex
CREATE UNIQUE INDEX "CodingAssignment_drawId_statementId_coderId_key" ON "CodingAssignment"("drawId", "statementId", "coderId");

-- CreateIndex
CREATE UNIQUE INDEX "CodebookVersion_number_key" ON "CodebookVersion"("number");

-- AddForeignKey
ALTER TABLE "CodingAssignment" ADD CONSTRAINT "CodingAssignment_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "AssignmentDraw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodingAssignment" ADD CONSTRAINT "CodingAssignment_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodingAssignment" ADD CONSTRAINT "CodingAssignment_coderId_fkey" FOREIGN KEY ("coderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
