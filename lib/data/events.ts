import "server-only";
import type { ActingUser } from "../auth/permissions";
import { requirePermission } from "../auth/permissions";
import { getDatabase } from "../database/client";
import type { DatePrecision, EventKind } from "../generated/prisma/enums";
import { isoFromDate } from "../validation";

export type EventSummary = {
  id: string;
  title: string;
  kind: EventKind;
  occurredOn: string;
  datePrecision: DatePrecision;
  description: string;
};

export async function listEvents(user: ActingUser): Promise<EventSummary[]> {
  requirePermission(user, "read");
  const events = await getDatabase().event.findMany({
    where: { deletedAt: null },
    select: { id: true, title: true, kind: true, occurredOn: true, datePrecision: true, description: true },
    orderBy: [{ occurredOn: "asc" }, { title: "asc" }],
  });
  return events.map((event) => ({ ...event, occurredOn: isoFromDate(event.occurredOn) }));
}
