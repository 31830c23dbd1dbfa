// The page sweep (tests/support/page-sweep.ts), second half: reliability, assignments, the codebook, scenarios,
// a track record, the exchange and administration.
import { describePageSweep } from "../support/page-sweep";

describePageSweep("every managing and administration page at desktop and phone width", (records) => [
  "/reliability",
  "/assignments",
  "/codebook",
  "/scenarios",
  `/scenarios/${records.scenarioSlug}`,
  `/analysts/${records.analystId}`,
  "/exchange",
  "/admin/actors",
  "/admin/users",
  "/admin/history",
]);
