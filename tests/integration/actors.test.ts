import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { createActor, listActors, updateActor } from "@/lib/data/actors";
import { listTrackedTargets } from "@/lib/data/stance";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

describe("managing actors and targets", () => {
  it("lets an admin add an actor who speaks for another, track it as a target, and audits both", async () => {
    const admin = await createUser(db, "ADMIN");
    const acting = { id: admin.id, role: admin.role };
    const iran = await db.actor.findUniqueOrThrow({ where: { slug: "iran" } });
    const slug = `araghchi-${Date.now()}`;
    const created = await createActor(acting, {
      slug,
      name: "Abbas Araghchi",
      kind: "PERSON",
      office: "Foreign minister",
      wikidataId: null,
      isTrackedTarget: false,
      speaksForId: iran.id,
    });
    expect(created).toMatchObject({ name: "Abbas Araghchi", speaksFor: { id: iran.id, name: "Iran" }, version: 1, statementCount: 0 });

    const russia = await db.actor.findUniqueOrThrow({ where: { slug: "russia" } });
    const tracked = await updateActor(acting, russia.id, { version: russia.version, isTrackedTarget: true });
    expect(tracked.isTrackedTarget).toBe(true);
    expect((await listTrackedTargets(acting)).map((target) => target.name)).toContain("Russia");
    await expect(updateActor(acting, russia.id, { version: russia.version, isTrackedTarget: false })).rejects.toThrowError(ConflictError);
    await updateActor(acting, russia.id, { version: tracked.version, isTrackedTarget: false });

    const actions = await db.auditEntry.findMany({
      where: { entity: "Actor", entityId: { in: [created.id, russia.id] }, userId: admin.id },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action).sort()).toEqual(["CREATE", "UPDATE", "UPDATE"]);
    expect((await listActors(acting)).find((actor) => actor.slug === "ali-akbar-velayati")?.statementCount).toBeGreaterThan(0);
  });

  it("refuses duplicates, unknown parents and non-admins with clear messages", async () => {
    const admin = await createUser(db, "ADMIN");
    const analyst = await createUser(db, "ANALYST");
    const base = { name: "Someone", kind: "PERSON" as const, office: null, wikidataId: null, isTrackedTarget: false, speaksForId: null };
    await expect(createActor({ id: admin.id, role: "ADMIN" }, { ...base, slug: "iran" })).rejects.toThrowError(ValidationError);
    await expect(
      createActor({ id: admin.id, role: "ADMIN" }, { ...base, slug: `orphan-${Date.now()}`, speaksForId: "no-such-actor" }),
    ).rejects.toThrowError(/speaksForId names no known actor/);
    await expect(createActor({ id: analyst.id, role: "ANALYST" }, { ...base, slug: `x-${Date.now()}` })).rejects.toThrowError(
      PermissionDeniedError,
    );
  });
});
