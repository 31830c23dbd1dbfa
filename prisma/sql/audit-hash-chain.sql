-- Tamper evidence for the audit trail (docs/decisions/0011): every entry gets
-- the next position in the chain, the previous entry's hash, and a SHA-256
-- over its own content and that previous hash. A row altered, deleted or slipped
-- in later, even by a superuser with the triggers off, breaks the chain, and
-- `npm run audit:verify` names the first place it breaks.
--
-- The hash is over the JSON array [position, at in epoch milliseconds, userId,
-- action, entity, entityId, before, after, previousHash] as PostgreSQL's jsonb
-- writes it (a canonical form: key order and spacing are fixed).
-- scripts/database/audit-chain.ts computes the same expression itself, so
-- replacing this function cannot make a tampered chain verify.
CREATE FUNCTION "audit_entry_hash"(chain_position bigint, entry_at timestamp, user_id text, entry_action text, entity text,
  entity_id text, before jsonb, after jsonb, previous_hash text) RETURNS text
LANGUAGE sql IMMUTABLE AS '
  SELECT encode(sha256(convert_to(jsonb_build_array(chain_position, floor(extract(epoch FROM entry_at) * 1000)::bigint,
    user_id, entry_action, entity, entity_id, before, after, previous_hash)::text, ''UTF8'')), ''hex'')
';

-- One writer extends the chain at a time: the advisory lock is held until the
-- writing transaction ends, so the next writer, in READ COMMITTED, sees this
-- entry as the latest once it is committed (or not at all if it rolled back).
-- Under a snapshot isolation level it could not, and two entries would claim
-- the same predecessor, so those are refused.
CREATE FUNCTION "audit_entry_chain"() RETURNS trigger
LANGUAGE plpgsql AS '
DECLARE
  latest_position bigint;
  latest_hash text;
BEGIN
  IF current_setting(''transaction_isolation'') <> ''read committed'' THEN
    RAISE EXCEPTION ''Audit entries are written in READ COMMITTED transactions only, not %'', current_setting(''transaction_isolation'');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext(''stancewatch audit chain''));
  SELECT "chainPosition", hash INTO latest_position, latest_hash
    FROM "AuditEntry" WHERE "chainPosition" IS NOT NULL ORDER BY "chainPosition" DESC LIMIT 1;
  NEW."chainPosition" := coalesce(latest_position, 0) + 1;
  NEW."previousHash" := coalesce(latest_hash, repeat(''0'', 64));
  NEW.hash := "audit_entry_hash"(NEW."chainPosition", NEW.at, NEW."userId", NEW.action::text, NEW.entity, NEW."entityId",
    NEW.before, NEW.after, NEW."previousHash");
  RETURN NEW;
END
';

CREATE TRIGGER "AuditEntry_chain"
  BEFORE INSERT ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_chain"();
