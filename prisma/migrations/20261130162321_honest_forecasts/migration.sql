-- AlterTable
ALTER TABLE "ScenarioSet" ADD COLUMN     "mutuallyExclusive" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ScenarioEstimate" ADD COLUMN     "informationAsOf" DATE;
