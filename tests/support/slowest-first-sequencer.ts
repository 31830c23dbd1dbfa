// The order in which each project's files start. Two lanes take files from one queue, so a long file started
// last leaves the other lane idle until it ends: starting the longest first is what keeps both busy to the end.
// Vitest orders by the durations of the last run where it has them, and otherwise, as in CI's fresh clone, by
// file size, which says little about a browser test's length (the page sweeps are a few lines each). These files
// took longest in CI (docs/benchmarks.md, "npm test"); a stale entry costs only a little time, never a result.
import { BaseSequencer, type TestSpecification } from "vitest/node";

const longestFiles = [
  "tests/e2e/page-sweep-managing.test.ts",
  "tests/e2e/page-sweep-reading.test.ts",
  "tests/e2e/hostile-input.test.ts",
  "tests/e2e/list-sorting.test.ts",
  "tests/e2e/dashboard.test.ts",
  "tests/integration/embedded-database.test.ts",
  "tests/integration/command-errors.test.ts",
  "tests/integration/dashboard-data.test.ts",
  "tests/integration/sign-in.test.ts",
];

function rankOf(file: TestSpecification): number {
  const index = longestFiles.findIndex((path) => file.moduleId.endsWith(path));
  return index === -1 ? longestFiles.length : index;
}

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Within each project (the base order keeps a project's files together), the listed files first, in the
    // list's order; the rest keep the base order (sort is stable).
    const projects: TestSpecification[][] = [];
    for (const file of sorted) {
      const current = projects.at(-1);
      if (current && current[0]!.project.name === file.project.name) current.push(file);
      else projects.push([file]);
    }
    return projects.flatMap((project) => project.sort((a, b) => rankOf(a) - rankOf(b)));
  }
}
