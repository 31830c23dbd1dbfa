-- CreateTable
CREATE TABLE "SourceFingerprint" (
    "sourceId" TEXT NOT NULL,
    "signature" INTEGER[],

    CONSTRAINT "SourceFingerprint_pkey" PRIMARY KEY ("sourceId")
);

-- CreateTable
CREATE TABLE "SourceFingerprintBand" (
    "key" INTEGER NOT NULL,
    "sourceId" TEXT NOT NULL,

    CONSTRAINT "SourceFingerprintBand_pkey" PRIMARY KEY ("key","sourceId")
);

-- CreateIndex
CREATE INDEX "SourceFingerprintBand_sourceId_idx" ON "SourceFingerprintBand"("sourceId");

-- AddForeignKey
ALTER TABLE "SourceFingerprint" ADD CONSTRAINT "SourceFingerprint_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceFingerprintBand" ADD CONSTRAINT "SourceFingerprintBand_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
