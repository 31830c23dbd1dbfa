-- CreateEnum
CREATE TYPE "SignInOutcome" AS ENUM ('SUCCESS', 'WRONG_PASSWORD', 'UNKNOWN_ACCOUNT', 'DISABLED', 'LOCKED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsValidFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT NOT NULL,
    "clientAddress" TEXT NOT NULL,
    "outcome" "SignInOutcome" NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_clientAddress_at_idx" ON "SignInAttempt"("clientAddress", "at");

-- Hand-written: prisma/sql/audit-append-only.sql
-- The audit trail is append-only, enforced by the database itself so that no
-- application bug or stray script can rewrite history. (The body is a
-- single-quoted string because the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)
CREATE FUNCTION "audit_entry_is_append_only"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  RAISE EXCEPTION ''AuditEntry is append-only: % is not allowed'', TG_OP
    USING ERRCODE = ''insufficient_privilege'';
END
';

CREATE TRIGGER "AuditEntry_refuse_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_is_append_only"();

CREATE TRIGGER "AuditEntry_refuse_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_is_append_only"();
