import Link from "@/components/link";
import { describeScore, formatScore, minimumScore } from "@/lib/codings/scale";
import type { CodebookVersionView } from "@/lib/data/codebook";
import { formatDateTime } from "./format";
import styles from "./codebook-view.module.css";

/** One codebook version, as coders read it beside the queue. */
export function CodebookView({ version }: { version: CodebookVersionView }) {
  const { content } = version;
  return (
    <article className={styles.codebook} aria-labelledby="codebook-heading">
      <h2 className={styles.heading} id="codebook-heading">
        Version {version.number}
      </h2>
      <p className={styles.meta}>
        Published {formatDateTime(version.publishedAt)}
        {version.publishedByName ? ` by ${version.publishedByName}` : " with the seed"}
      </p>
      <p className={styles.text}>{content.summary}</p>

      <h3 className={styles.subheading}>The scale</h3>
      <dl className={styles.scale}>
        {content.scaleMeanings.map((meaning, index) => {
          const score = minimumScore + index;
          return (
            <div key={score} className={styles.point}>
              <dt>
                <span className={styles.score}>{formatScore(score)}</span> {describeScore(score)}
              </dt>
              <dd className={styles.text}>{meaning}</dd>
            </div>
          );
        })}
      </dl>

      <h3 className={styles.subheading}>Conditional statements</h3>
      <p className={styles.text}>{content.conditionalRule}</p>
      <h3 className={styles.subheading}>Sarcasm and irony</h3>
      <p className={styles.text}>{content.sarcasmRule}</p>

      <h3 className={styles.subheading}>Worked examples</h3>
      {content.examples.length === 0 ? (
        <p className={styles.meta}>This version has no worked examples.</p>
      ) : (
        <ol className={styles.examples}>
          {content.examples.map((example) => {
            const sourceId = version.exampleSources[example.statementId];
            return (
              <li key={example.statementId} className={styles.example}>
                <blockquote className={styles.quote}>“{example.quote}”</blockquote>
                <p className={styles.meta}>
                  {example.speakerName} ·{" "}
                  <strong>
                    {formatScore(example.score)} {describeScore(example.score)}
                  </strong>
                  {sourceId ? (
                    <>
                      {" "}
                      · <Link href={`/sources/${sourceId}`}>Read it in its source</Link>
                    </>
                  ) : (
                    " · its statement has since been deleted"
                  )}
                </p>
                <p className={styles.text}>{example.explanation}</p>
              </li>
            );
          })}
        </ol>
      )}
    </article>
  );
}

/** Every published version, newest first; the one shown is marked. */
export function CodebookVersionLinks({ versions, shown }: { versions: { number: number; publishedAt: string }[]; shown: number }) {
  return (
    <nav aria-label="Codebook versions">
      <ul className={styles.versions}>
        {versions.map((version) => (
          <li key={version.number}>
            <Link
              href={`/codebook?version=${version.number}`}
              className="button button--small"
              aria-current={version.number === shown ? "page" : undefined}
            >
              Version {version.number}
              {version.number === versions[0]!.number ? " (in force)" : ""}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
