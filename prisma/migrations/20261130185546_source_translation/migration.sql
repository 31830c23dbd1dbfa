-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "translation" TEXT,
ADD COLUMN     "translationLanguage" TEXT;

-- AlterTable
ALTER TABLE "Statement" ADD COLUMN     "translationEnd" INTEGER,
ADD COLUMN     "translationQuote" TEXT,
ADD COLUMN     "translationStart" INTEGER;
