import type { Metadata } from "next";
import { AdjudicationQueue, AdjudicationQueueWithheld, OnePointDisagreements } from "@/components/adjudication-queue";
import { ReliabilityCoderDeviations, ReliabilityOverall, ReliabilityPerPair, ReliabilityPerTarget } from "@/components/reliability-figures";
import { requirePageUser } from "@/lib/auth/session";
import { getReliabilityReport } from "@/lib/data/reliability";
import { CodebookFilterLinks } from "@/components/codebook-filter-links";
import { getCodebook } from "@/lib/data/codebook";
import { reliabilityFilterFromParameters } from "@/lib/reliability/filter";

export const metadata: Metadata = { title: "Reliability" };
// Every new coding or adjudication changes the figures.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ codebook?: string; sample?: string }> };

export default async function ReliabilityPage({ searchParams }: Props) {
  const user = await requirePageUser("/reliability");
  const filter = reliabilityFilterFromParameters(await searchParams);
  const [report, versions] = await Promise.all([getReliabilityReport(user, filter), getCodebook(user)]);

  return (
    <main className="page">
      <h1 className="page__title">Reliability</h1>
      <p className="page__lede">
        How consistently coders score the same statement toward the same target, as Krippendorff’s alpha (ordinal): 1 is perfect agreement
        and 0 agreement no better than chance; 0.800 or more is commonly taken as reliable, 0.667 or more as tentative.
      </p>
      <div className="stack">
        <CodebookFilterLinks versions={versions.versions.map((version) => version.number)} filter={filter} />
        {filter.sample === "planned" && (
          <p className="notice">
            Only the planned double-coded sample: statements an assignment drew for two coders, scored by those two coders. Codings by
            anyone else, and statements coded twice by chance, are left out.
          </p>
        )}
        {!report.countsEveryCoding && (
          <p className="notice" data-testid="blind-coding-notice">
            Blind coding: these figures count your own codings and other coders’ codings only of statements you have coded yourself (and of
            sources not coded blind). An adjudicator or administrator sees them over every coding.
          </p>
        )}
        <ReliabilityOverall figure={report.overall} />
        <ReliabilityPerTarget figures={report.perTarget} />
        <ReliabilityPerPair pairs={report.perPair} />
        <ReliabilityCoderDeviations deviations={report.coderDeviations} />
        {/* Null unless this user may adjudicate: the data layer withholds others' codings from everyone else. */}
        {report.disagreements ? <AdjudicationQueue disagreements={report.disagreements} /> : <AdjudicationQueueWithheld />}
        {report.onePointDisagreements && <OnePointDisagreements disagreements={report.onePointDisagreements} />}
      </div>
    </main>
  );
}
