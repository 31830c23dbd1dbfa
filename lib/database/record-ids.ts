// Ids for rows written by direct SQL (./direct-sql.ts), shaped as Prisma's
// @default(cuid()) makes them (25 characters: "c", the time, a counter, a
// process mark and randomness, in lower-case base 36), so a source stays a
// source whichever path wrote it. Prisma generates these in the client, not
// the database, so a direct INSERT must bring its own.
import { randomBytes } from "node:crypto";

const processMark = base36(randomBytes(4).readUInt32BE(0), 4);
let counter = randomBytes(4).readUInt32BE(0) % 36 ** 4;

function base36(value: number, width: number): string {
  return value.toString(36).padStart(width, "0").slice(-width);
}

export function newRecordId(): string {
  counter = (counter + 1) % 36 ** 4;
  const random = randomBytes(8);
  return `c${base36(Date.now(), 8)}${base36(counter, 4)}${processMark}${base36(random.readUInt32BE(0), 4)}${base36(random.readUInt32BE(4), 4)}`;
}
