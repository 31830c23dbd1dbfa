import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { listStanceSeries } from "@/lib/data/dashboard";
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent } from "@/lib/data/events";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { defaultDashboardView } from "@/lib/dashboard/view";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { eventCreationSchema, eventUpdateSchema } from "@/lib/events/schemas";
import { createActor, createSource, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }) => ({ id: user.id, role: user.role });

const newEvent = (overrides: Record<string, unknown> = {}) =>
  eventCreationSchema.parse({
    title: `Talks resume in Muscat ${Math.random()}`,
    kind: "DIPLOMATIC",
    ploverType: "CONSULT",
    occurredOn: "2024-10-20",
    description: "Indirect talks resumed through Omani mediators.",
    ...overrides,
  });

describe("events", () => {
  it("of the same title and day recorded at the same moment all save, each under its own key", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const title = `Simultaneous talks ${Date.now()}`;
    const saved = await Promise.all(Array.from({ length: 4 }, () => createEvent(analyst, newEvent({ title }))));
    const slugs = saved.map((event) => event.slug).sort();
    expect(new Set(slugs).size).toBe(4);
    expect(slugs[0]).toMatch(/^simultaneous-talks-\d+-2024-10-20$/);
  });

  it("are created with actors and sources, listed, corrected with a version, and the charts read them at once", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const [iran, oman] = [await createActor(db), await createActor(db)];
    const source = await createSource(db);
    const created = await createEvent(analyst, newEvent({ actorIds: [iran.id, oman.id, iran.id], sourceIds: [source.id] }));
    expect(created).toMatchObject({
      version: 1,
      kind: "DIPLOMATIC",
      ploverType: "CONSULT",
      occurredOn: "2024-10-20",
      actors: [
        { id: iran.id, name: iran.name },
        { id: oman.id, name: oman.name },
      ],
      sources: [{ id: source.id, title: "Test article" }],
    });
    expect(created.slug).toMatch(/^talks-resume-in-muscat-.*-2024-10-20$/);
    expect((await listEvents(analyst)).map((event) => event.id)).toContain(created.id);
    expect(await db.auditEntry.count({ where: { entity: "Event", entityId: created.id, action: "CREATE" } })).toBe(1);

    const moved = await updateEvent(analyst, created.id, { version: 1, occurredOn: "2024-10-24", ploverType: null });
    expect(moved).toMatchObject({ version: 2, occurredOn: "2024-10-24", ploverType: null, title: created.title });
    await expect(updateEvent(analyst, created.id, { version: 1, title: "stale" })).rejects.toThrowError(ConflictError);

    const series = await listStanceSeries(analyst, { ...defaultDashboardView, from: "2024-10-01", to: "2024-10-31" });
    expect(series.events.map((event) => [event.id, event.occurredOn])).toContainEqual([created.id, "2024-10-24"]);
  });

  it("refuse an event with no date, an unknown actor or source, naming each field, and change nothing", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const missingDate = eventCreationSchema.safeParse({ title: "No date", kind: "OTHER", description: "Undated." });
    expect(missingDate.success).toBe(false);
    expect(missingDate.error!.issues.map((issue) => issue.path.join("."))).toEqual(["occurredOn"]);
    expect(eventCreationSchema.safeParse({ ...newEvent(), occurredOn: "2024-02-30" }).success).toBe(false);
    expect(eventUpdateSchema.safeParse({ version: 1, occurredOn: "" }).success).toBe(false);

    const before = await db.event.count();
    const error = await createEvent(analyst, newEvent({ actorIds: ["no-such-actor"], sourceIds: ["no-such-source"] })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["actorIds", "sourceIds"]);
    expect(await db.event.count()).toBe(before);

    const event = await createEvent(analyst, newEvent());
    await expect(updateEvent(analyst, event.id, { version: 1, actorIds: ["nobody"] })).rejects.toThrowError(ValidationError);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).version).toBe(1);
  });

  it("let viewers read but not write; soft-delete out of the charts; an admin restores from History", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const viewer = acting(await createUser(db, "VIEWER"));
    const admin = acting(await createUser(db, "ADMIN"));
    await expect(createEvent(viewer, newEvent())).rejects.toThrowError(PermissionDeniedError);
    await expect(createEvent(null, newEvent())).rejects.toThrowError("Sign in to continue.");
    const event = await createEvent(analyst, newEvent({ occurredOn: "2024-09-03" }));
    expect((await getEvent(viewer, event.id)).title).toBe(event.title);
    await expect(updateEvent(viewer, event.id, { version: 1, title: "x" })).rejects.toThrowError(PermissionDeniedError);
    await expect(deleteEvent(viewer, event.id, 1)).rejects.toThrowError(PermissionDeniedError);

    // Fifteen concurrent deletions from the same version: one lands, the rest are stale.
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => deleteEvent(analyst, event.id, 1)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    await expect(getEvent(viewer, event.id)).rejects.toThrowError(NotFoundError);
    const series = await listStanceSeries(analyst, { ...defaultDashboardView, from: "2024-09-01", to: "2024-09-30" });
    expect(series.events.map((row) => row.id)).not.toContain(event.id);

    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === event.id);
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    expect(await getEvent(viewer, event.id)).toMatchObject({ version: 3, occurredOn: "2024-09-03" });
  });
});
