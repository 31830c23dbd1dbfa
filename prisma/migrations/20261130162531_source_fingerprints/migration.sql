-- CreateTable
CREATE TABLE "SourceFingerprint" (
    "sourceId" TEXT NOT NULL,
    "signature" INTEGER[],
    "bands" INTEGER[],

    CONSTRAINT "SourceFingerprint_pkey" PRIMARY KEY ("sourceId")
);

-- CreateIndex
CREATE INDEX "SourceFingerprint_bands_idx" ON "SourceFingerprint" USING GIN ("bands");

-- AddForeignKey
ALTER TABLE "SourceFingerprint" ADD CONSTRAINT "SourceFingerprint_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
