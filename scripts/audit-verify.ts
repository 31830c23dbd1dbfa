// npm run audit:verify [-- --anchor POSITION:HASH]
// Walks the audit trail's hash chain; exits 1 naming the first entry that breaks it.
// The anchor is what an earlier run printed, kept outside the database.
import { describeDatabaseError } from "../lib/database/errors";
import { fail } from "./cli";
import { parseAuditChainAnchor, verifyAuditChain, type AuditChainAnchor } from "./database/audit-chain";

const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set. Set it to the PostgreSQL URL of the database to verify.");

const [flag, value] = process.argv.slice(2);
let anchor: AuditChainAnchor | undefined;
if (flag !== undefined) {
  if (flag !== "--anchor" || value === undefined) fail("Usage: npm run audit:verify [-- --anchor POSITION:HASH]");
  try {
    anchor = parseAuditChainAnchor(value);
  } catch (error) {
    fail((error as Error).message);
  }
}

let report;
try {
  report = await verifyAuditChain(url, anchor);
} catch (error) {
  fail(`Could not read the audit trail: ${describeDatabaseError(error, url)}`);
}
if (!report.intact)
  fail(`The audit trail has been tampered with: ${report.problem}. (The ${report.entries} entries before it are intact.)`);
console.log(
  `The audit trail is intact: ${report.entries} entries${anchor ? `, and position ${anchor.position} still has its recorded hash` : ""}.`,
);
if (report.entries > 0) {
  // Someone with the database's superuser can rewrite an entry and recompute every hash after it;
  // a copy of the head kept elsewhere is what then gives it away.
  console.log(`Keep this anchor outside the database and pass it next time: --anchor ${report.entries}:${report.headHash}`);
}
