import path from "node:path";
import { serverEnvironment, type Environment } from "../config/environment";
import type { Database } from "../database/prisma";
import { passwordWeakness } from "../users/password-strength";
import { passwordSchema } from "../users/schemas";
import { generatePassword } from "../users/passwords";
import { loadSeedFiles, SeedFileError, type SeedUser } from "./seed-files";
import { seedDatabase, type PasswordChoice, type SeedSummary } from "./seed-database";

export const seedDirectory = path.resolve("seeds");

/** SEED_PASSWORD_LEAD_ANALYST for the user with key "lead-analyst". */
export function passwordVariableFor(user: Pick<SeedUser, "key">): string {
  return `SEED_PASSWORD_${user.key.toUpperCase().replace(/-/g, "_")}`;
}

/** A password from the environment, or a random one; never a fixed one. */
export function choosePasswordFromEnvironment(environment: Environment) {
  return (user: SeedUser): PasswordChoice => {
    const variable = passwordVariableFor(user);
    const given = environment[variable];
    if (given === undefined || given === "") return { password: generatePassword(), generated: true };
    const result = passwordSchema.safeParse(given);
    if (!result.success) throw new SeedFileError(`${variable}: ${result.error.issues[0]?.message}`);
    const weakness = passwordWeakness(given, [user.email, user.name]);
    if (weakness) throw new SeedFileError(`${variable}: ${weakness}`);
    return { password: given, generated: false };
  };
}

export async function seedFromFiles(db: Database, environment: Environment = serverEnvironment()): Promise<SeedSummary> {
  const data = await loadSeedFiles(seedDirectory);
  return seedDatabase(db, data, choosePasswordFromEnvironment(environment));
}

export function describeSeedSummary(summary: SeedSummary): string {
  const parts = Object.entries(summary.created)
    .filter(([, count]) => count > 0)
    .map(([model, count]) => `${count} ${model}`);
  return parts.length ? `Seeded ${parts.join(", ")}.` : "The seed data is already present; nothing changed.";
}
