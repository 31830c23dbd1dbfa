import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import { buildIndicatorHistoryQuery, type IndicatorHistoryRow } from "../dashboard/stance-sql";
import { getDatabase } from "../database/client";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { describeIndicatorRule, indicatorRuleSchema, isTriggered, lastChange, windowStart, type IndicatorRule } from "../indicators/rules";
import type { IndicatorCreation } from "../scenarios/schemas";
import type { IndicatorView } from "../scenarios/types";
import { shiftIsoDate } from "../calendar";
import { listSpeakerIds } from "./speaker-scope";

/** Days of history evaluated for "last changed"; the sparkline shows the most recent of them. */
const historyDays = 365;
const sparklineDays = 90;

type StoredIndicator = { id: string; scenarioId: string; title: string; rule: unknown; effect: "SUPPORTS" | "UNDERMINES"; version: number };

/** The actors a rule names, or a 422 naming the field whose actor is unknown. */
async function resolveRuleActors(rule: IndicatorRule) {
  const db = getDatabase();
  const [speaker, target] = await Promise.all([
    db.actor.findFirst({ where: { slug: rule.speakers.actorSlug, deletedAt: null }, select: { id: true, name: true } }),
    db.actor.findFirst({ where: { slug: rule.targetSlug, deletedAt: null }, select: { id: true, name: true } }),
  ]);
  const problems: Record<string, string> = {};
  if (!speaker) problems["rule.speakers.actorSlug"] = `names no known actor (“${rule.speakers.actorSlug}”)`;
  if (!target) problems["rule.targetSlug"] = `names no known actor (“${rule.targetSlug}”)`;
  if (speaker && target && speaker.id === target.id) problems["rule.targetSlug"] = "is the speaker; a stance is toward someone else";
  return { speaker, target, problems };
}

/**
 * Evaluates an indicator on every day of the year ending `asOf`, in one
 * query: its value that day, whether it is triggered, and when that last
 * flipped. Blind coding applies as on every other read of codings.
 */
async function evaluateIndicator(user: ActingUser, indicator: StoredIndicator, asOf: string): Promise<IndicatorView> {
  const parsed = indicatorRuleSchema.safeParse(indicator.rule);
  if (!parsed.success) throw new Error(`Indicator ${indicator.id} holds a rule that no longer validates`);
  const rule = parsed.data;
  const { speaker, target } = await resolveRuleActors(rule);
  const firstDay = shiftIsoDate(asOf, -(historyDays - 1));
  let history: { on: string; value: number | null }[] = [];
  if (speaker && target) {
    const speakerIds = rule.speakers.includeRepresentatives ? await listSpeakerIds([], [speaker.id]) : [speaker.id];
    const blindCoderId = user && user.role === "ANALYST" && !hasPermission(user, "adjudicate") ? user.id : null;
    const rows = await getDatabase().$queryRaw<IndicatorHistoryRow[]>(
      buildIndicatorHistoryQuery(
        {
          speakerIds,
          targetIds: [target.id],
          window: { from: windowStart(firstDay, rule.windowDays), to: asOf },
          directQuotesOnly: false,
          minimumConfidence: "LOW",
          adjudicatedOnly: false,
          blindCoderId,
        },
        {
          firstDay,
          lastDay: asOf,
          windowDays: rule.windowDays,
          scoreCondition: rule.kind === "STATEMENT_COUNT" ? { comparison: rule.scoreComparison, threshold: rule.scoreThreshold } : null,
        },
      ),
    );
    history = rows.map((row) => ({ on: row.on, value: rule.kind === "MEAN_STANCE" ? row.mean : row.countedCount }));
  }
  const current = history.at(-1)?.value ?? null;
  return {
    id: indicator.id,
    scenarioId: indicator.scenarioId,
    title: indicator.title,
    rule,
    description: describeIndicatorRule(rule, {
      speakers: speaker?.name ?? `an unknown actor (“${rule.speakers.actorSlug}”)`,
      target: target?.name ?? `an unknown actor (“${rule.targetSlug}”)`,
    }),
    effect: indicator.effect,
    asOf,
    value: current,
    triggered: speaker && target ? isTriggered(rule, current) : null,
    lastChange: lastChange(history, rule),
    history: history.slice(-sparklineDays),
    version: indicator.version,
  };
}

/** A scenario's live indicators, each evaluated as of `asOf`. */
export async function listIndicators(user: ActingUser, scenarioId: string, asOf: string): Promise<IndicatorView[]> {
  requirePermission(user, "read");
  const indicators = await getDatabase().indicator.findMany({
    where: { scenarioId, deletedAt: null },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(indicators.map((indicator) => evaluateIndicator(user, indicator, asOf)));
}

/**
 * Adds a signpost to a scenario. The rule's shape and thresholds are checked
 * by its schema; here, that its actors exist.
 */
export async function createIndicator(user: ActingUser, input: IndicatorCreation): Promise<{ id: string }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const scenario = await db.scenario.findFirst({ where: { id: input.scenarioId, deletedAt: null }, select: { id: true } });
  if (!scenario) throw new NotFoundError("This scenario");
  const { problems } = await resolveRuleActors(input.rule);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return db.$transaction(async (tx) => {
    const row = await tx.indicator.create({
      data: {
        scenarioId: scenario.id,
        title: input.title,
        effect: input.effect,
        rule: input.rule as Prisma.InputJsonValue,
        createdById: user.id,
      },
    });
    await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Indicator", entityId: row.id, after: row });
    return { id: row.id };
  });
}

/** Soft deletion, recoverable from History. */
export async function deleteIndicator(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.indicator.findFirst({ where: { id, deletedAt: null } });
    if (!before) throw new NotFoundError("This indicator");
    const { count } = await tx.indicator.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      throw new ConflictError(
        `This indicator changed (now version ${before.version}) since you opened version ${version}; reload and review it before deleting.`,
        { version: before.version, title: before.title },
      );
    }
    const after = await tx.indicator.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "Indicator", entityId: id, before, after });
  });
}
