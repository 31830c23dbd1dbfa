import "server-only";
import type { ActingUser } from "../auth/permissions";
import { requirePermission } from "../auth/permissions";
import type { StanceCodingRow } from "../charts/stance-series";
import { getDatabase } from "../database/client";
import { visibleCodingsWhere } from "./coding-visibility";
import { isoFromDate } from "../validation";

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

/** Every live coding toward the given targets, with what a chart tooltip needs. */
export async function listStanceCodings(user: ActingUser, targetIds: string[]): Promise<StanceCodingRow[]> {
  requirePermission(user, "read");
  const codings = await getDatabase().stanceCoding.findMany({
    where: {
      targetId: { in: targetIds },
      deletedAt: null,
      statement: { deletedAt: null, source: { deletedAt: null } },
      ...visibleCodingsWhere(user),
    },
    select: {
      statementId: true,
      speakerId: true,
      targetId: true,
      saidOn: true,
      score: true,
      speaker: { select: { name: true } },
      statement: { select: { quote: true } },
      coder: { select: { name: true } },
    },
    orderBy: [{ saidOn: "asc" }, { statementId: "asc" }],
  });
  return codings.map((coding) => ({
    statementId: coding.statementId,
    speakerId: coding.speakerId,
    speakerName: coding.speaker.name,
    targetId: coding.targetId,
    saidOn: isoFromDate(coding.saidOn),
    score: coding.score,
    quote: coding.statement.quote,
    coderName: coding.coder.name,
  }));
}
