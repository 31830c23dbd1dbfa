import styles from "./line-problems-table.module.css";

export type LineProblem = { line: number; message: string };

/** One kind of problem an import found, a row a line of the file; nothing when there are none. */
export function LineProblemsTable({ caption, problems }: { caption: string; problems: LineProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={`${problem.line}-${index}`}>
              <td className="number">{problem.line}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
