import "server-only";
import type { ActingUser } from "../auth/permissions";
import { requirePermission } from "../auth/permissions";
import { getDatabase } from "../database/client";

export type TrackedTarget = { id: string; name: string };

/** The targets charted by default (the United States, Europe and Israel in the seed). */
export async function listTrackedTargets(user: ActingUser): Promise<TrackedTarget[]> {
  requirePermission(user, "read");
  return getDatabase().actor.findMany({
    where: { isTrackedTarget: true, deletedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
