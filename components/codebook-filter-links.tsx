import Link from "@/components/link";
import { reliabilityHref, type ReliabilityFilter } from "@/lib/reliability/filter";
import styles from "./codebook-view.module.css";

type Choice = { filter: ReliabilityFilter; label: string; current: boolean };

function ChoiceLinks({ label, choices }: { label: string; choices: Choice[] }) {
  return (
    <nav aria-label={label}>
      <ul className={styles.versions}>
        {choices.map((choice) => (
          <li key={choice.label}>
            <Link href={reliabilityHref(choice.filter)} className="button button--small" aria-current={choice.current ? "page" : undefined}>
              {choice.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Reliability over all codings, those made before the codebook, or those made
 * under one version; and over every double-coded statement or only the planned
 * sample. Each set of links keeps the other's choice.
 */
export function CodebookFilterLinks({ versions, filter }: { versions: number[]; filter: ReliabilityFilter }) {
  const { sample } = filter;
  const codebook = filter.codebookVersion === undefined ? {} : { codebookVersion: filter.codebookVersion };
  return (
    <>
      <ChoiceLinks
        label="Codings by codebook version"
        choices={[
          { filter: { sample }, label: "All codings", current: filter.codebookVersion === undefined },
          { filter: { codebookVersion: null, sample }, label: "Before the codebook", current: filter.codebookVersion === null },
          ...versions.map((number) => ({
            filter: { codebookVersion: number, sample },
            label: `Codebook version ${number}`,
            current: filter.codebookVersion === number,
          })),
        ]}
      />
      <ChoiceLinks
        label="Statements the figures rest on"
        choices={[
          { filter: codebook, label: "Every statement coded twice", current: sample === undefined },
          { filter: { ...codebook, sample: "planned" }, label: "Planned double-coded sample only", current: sample === "planned" },
        ]}
      />
    </>
  );
}
