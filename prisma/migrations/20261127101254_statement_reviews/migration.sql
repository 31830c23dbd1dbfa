-- CreateTable
CREATE TABLE "StatementReview" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "coderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatementReview_coderId_idx" ON "StatementReview"("coderId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementReview_statementId_coderId_key" ON "StatementReview"("statementId", "coderId");

-- AddForeignKey
ALTER TABLE "StatementReview" ADD CONSTRAINT "StatementReview_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementReview" ADD CONSTRAINT "StatementReview_coderId_fkey" FOREIGN KEY ("coderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
