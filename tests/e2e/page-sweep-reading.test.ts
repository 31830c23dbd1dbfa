// The page sweep (tests/support/page-sweep.ts), first half: the dashboard and the pages a coder reads and codes on.
import { describePageSweep } from "../support/page-sweep";

describePageSweep("every reading and coding page at desktop and phone width", (records) => [
  "/",
  "/sources",
  `/sources/${records.sourceId}`,
  `/sources/${records.unbrokenSourceId}`,
  "/sources/import",
  "/code",
  "/statements",
  "/codings",
  `/codings/${records.analystCodingId}`,
  "/events",
]);
