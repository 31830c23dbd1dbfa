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
