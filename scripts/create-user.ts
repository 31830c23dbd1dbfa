// npm run user:create -- --email ada@example.org --role ADMIN [--name "Ada Lovelace"]
// Creates an account on DATABASE_URL with a one-time password, printed once.
import { parseArgs } from "node:util";
import { describeDatabaseError } from "../lib/database/errors";
import { createUser } from "../lib/data/users";
import { DomainError } from "../lib/errors";
import { userCreationSchema } from "../lib/users/schemas";
import { fail } from "./cli";

const usage = 'Usage: npm run user:create -- --email you@example.org --role ADMIN|ANALYST|VIEWER [--name "Your Name"]';

let values: { email?: string; role?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } }));
} catch (error) {
  fail(`${(error as Error).message}. ${usage}`);
}
const url = process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set: point it at the (migrated) database to add the user to.");
if (!values.email || !values.role) fail(`--email and --role are required. ${usage}`);
const parsed = userCreationSchema.safeParse({
  email: values.email,
  role: values.role.toUpperCase(),
  name: values.name ?? values.email.split("@")[0],
});
if (!parsed.success) fail(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));

try {
  const { user, oneTimePassword } = await createUser("command-line", parsed.data);
  console.log(
    `Created ${user.role} ${user.email}. One-time password (shown only now, to be changed at first sign-in):\n  ${oneTimePassword}`,
  );
  process.exit(0);
} catch (error) {
  fail(error instanceof DomainError ? error.message : `Could not create the user: ${describeDatabaseError(error, url)}`);
}
