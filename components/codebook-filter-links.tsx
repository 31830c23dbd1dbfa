import Link from "next/link";
import type { CodebookFilter } from "@/lib/codebook/schemas";
import styles from "./codebook-view.module.css";

/** Reliability over all codings, those made before the codebook, or those made under one version. */
export function CodebookFilterLinks({ versions, filter }: { versions: number[]; filter: CodebookFilter }) {
  const choices = [
    { href: "/reliability", label: "All codings", current: filter.codebookVersion === undefined },
    { href: "/reliability?codebook=before", label: "Before the codebook", current: filter.codebookVersion === null },
    ...versions.map((number) => ({
      href: `/reliability?codebook=${number}`,
      label: `Codebook version ${number}`,
      current: filter.codebookVersion === number,
    })),
  ];
  return (
    <nav aria-label="Codings by codebook version">
      <ul className={styles.versions}>
        {choices.map((choice) => (
          <li key={choice.href}>
            <Link href={choice.href} className="button button--small" aria-current={choice.current ? "page" : undefined}>
              {choice.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
