import { describe, expect, it } from "vitest";
import { readDatabaseUrl, readKeptChartsBytes, readPort } from "@/lib/config/environment";
import { describeDatabaseError } from "@/lib/database/errors";

describe("configuration", () => {
  it("defaults the port to 3000 and refuses nonsense with a clear message", () => {
    expect(readPort({})).toBe(3000);
    expect(readPort({ PORT: "8080" })).toBe(8080);
    expect(() => readPort({ PORT: "eighty" })).toThrowError('PORT must be a whole number from 1 to 65535; got "eighty"');
    expect(() => readPort({ PORT: "70000" })).toThrowError(/from 1 to 65535/);
  });

  it("keeps 32 MiB of charts unless told otherwise, none when told 0, and refuses nonsense", () => {
    expect(readKeptChartsBytes({})).toBe(32 * 1024 * 1024);
    expect(readKeptChartsBytes({ KEPT_CHARTS_MEGABYTES: " 0 " })).toBe(0);
    expect(readKeptChartsBytes({ KEPT_CHARTS_MEGABYTES: "256" })).toBe(256 * 1024 * 1024);
    for (const nonsense of ["-1", "1.5", "lots", "4097"])
      expect(() => readKeptChartsBytes({ KEPT_CHARTS_MEGABYTES: nonsense })).toThrowError(
        `KEPT_CHARTS_MEGABYTES must be a whole number from 0 to 4096; got "${nonsense}"`,
      );
  });

  it("treats an empty DATABASE_URL as unset and refuses non-PostgreSQL URLs", () => {
    expect(readDatabaseUrl({})).toBeUndefined();
    expect(readDatabaseUrl({ DATABASE_URL: "  " })).toBeUndefined();
    expect(readDatabaseUrl({ DATABASE_URL: "postgres://u@h/d" })).toBe("postgres://u@h/d");
    expect(() => readDatabaseUrl({ DATABASE_URL: "mysql://u@h/d" })).toThrowError(
      "DATABASE_URL must be a postgresql:// URL; got a mysql:// one",
    );
    expect(() => readDatabaseUrl({ DATABASE_URL: "localhost:5432" })).toThrowError(/must be a postgresql:\/\/ URL|not a URL/);
  });

  it("explains driver errors in one line without the password", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" });
    const message = describeDatabaseError(refused, "postgresql://me:secret@127.0.0.1:5999/db");
    expect(message).toBe(
      "nothing is listening at postgresql://me:***@127.0.0.1:5999/db. Is PostgreSQL running, and are the host and port right?",
    );
    expect(message).not.toContain("secret");
    const wrapped = new Error("outer", { cause: Object.assign(new Error("inner"), { code: "3D000" }) });
    expect(describeDatabaseError(wrapped, "postgresql://u@h/missing")).toMatch(/does not exist/);
    expect(describeDatabaseError(new Error("\n\nfirst real line\nsecond"), "postgresql://u@h/d")).toBe("first real line");
    const prismaStyle = Object.assign(
      new Error("\nInvalid `db.user.findMany()` invocation in\n/app/x.ts:3:21\n→ 3 code\nSomething precise went wrong"),
      { code: "P2999" },
    );
    expect(describeDatabaseError(prismaStyle, "postgresql://u@h/d")).toBe("Something precise went wrong");
    expect(describeDatabaseError(Object.assign(new Error("x"), { code: "P1003" }), "postgresql://u@h/gone")).toMatch(/does not exist/);
  });
});
