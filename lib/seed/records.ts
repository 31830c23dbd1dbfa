// How validated inputs become database rows. The seed and the test factories
// both build records through these, so both compute offsets, hashes and dates
// the same way the application does. Fields are picked one by one so that
// extra keys of a richer input (a seed entry's references) never reach Prisma.
import type { ActorInput } from "../actors/schemas";
import type { StanceCodingInput } from "../codings/schemas";
import type { EventInput } from "../events/schemas";
import type { Prisma } from "../generated/prisma/client";
import type { ScenarioEstimateInput, ScenarioInput } from "../scenarios/schemas";
import { hashSourceText } from "../sources/content-hash";
import { fingerprintOf } from "../sources/near-duplicates";
import { locateQuote } from "../sources/offsets";
import type { SourceInput } from "../sources/schemas";
import type { StatementInput } from "../statements/schemas";
import { dateFromIso } from "../validation";

export function actorRecord(input: ActorInput, speaksForId: string | null): Prisma.ActorUncheckedCreateInput {
  const { slug, name, kind, office, wikidataId, isTrackedTarget } = input;
  return { slug, name, kind, office, wikidataId, isTrackedTarget, speaksForId };
}

export function sourceRecord(input: SourceInput, text: string): Prisma.SourceUncheckedCreateInput {
  const { title, publisher, url, language } = input;
  return { title, publisher, url, language, publishedOn: dateFromIso(input.publishedOn), text, contentHash: hashSourceText(text) };
}

/** A source's near-duplicate fingerprint rows (bulk intake writes the same from arrays, lib/data/sources.ts). */
export function sourceFingerprintRecords(sourceId: string, text: string) {
  const { signature, bands } = fingerprintOf(text);
  return {
    fingerprint: { sourceId, signature } satisfies Prisma.SourceFingerprintUncheckedCreateInput,
    bands: [...new Set(bands)].map((key) => ({ key, sourceId })) satisfies Prisma.SourceFingerprintBandUncheckedCreateInput[],
  };
}

/** Locates the quote in the source text: offsets are never typed by hand. Throws QuoteNotFoundError. */
export function statementRecord(
  input: StatementInput,
  source: { id: string; text: string },
  speakerId: string,
  options: { occurrence?: number; createdById?: string | null } = {},
): Prisma.StatementUncheckedCreateInput {
  const span = locateQuote(source.text, input.quote, options.occurrence ?? 1);
  const { quote, saidOnPrecision, form, channel } = input;
  return {
    quote,
    saidOnPrecision,
    form,
    channel,
    ...span,
    saidOn: dateFromIso(input.saidOn),
    sourceId: source.id,
    speakerId,
    createdById: options.createdById ?? null,
  };
}

export function stanceCodingRecord(
  input: StanceCodingInput,
  statement: { id: string; speakerId: string; saidOn: Date },
  targetId: string,
  coderId: string,
): Prisma.StanceCodingUncheckedCreateInput {
  const { score, isConditional, confidence, rationale } = input;
  return {
    score,
    isConditional,
    confidence,
    rationale,
    statementId: statement.id,
    speakerId: statement.speakerId,
    saidOn: statement.saidOn,
    targetId,
    coderId,
  };
}

export function eventRecord(input: EventInput): Prisma.EventUncheckedCreateInput {
  const { slug, title, kind, datePrecision, description } = input;
  return { slug, title, kind, datePrecision, description, occurredOn: dateFromIso(input.occurredOn) };
}

export function scenarioRecord(input: ScenarioInput, setId: string): Prisma.ScenarioUncheckedCreateInput {
  const { slug, title, description, resolutionCriteria } = input;
  return { slug, title, description, resolutionCriteria, horizonOn: dateFromIso(input.horizonOn), setId };
}

export function scenarioEstimateRecord(
  input: ScenarioEstimateInput,
  scenarioId: string,
  analystId: string,
): Prisma.ScenarioEstimateUncheckedCreateInput {
  const { probability, rationale } = input;
  return { probability, rationale, estimatedOn: dateFromIso(input.estimatedOn), scenarioId, analystId };
}
