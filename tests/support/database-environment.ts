// Runs in each test worker before each file: claims the worker's lane (./lane.ts) and points the app's data
// layer at the lane's database.
import { claimTestLane, testLane } from "./lane";

await claimTestLane();
process.env.DATABASE_URL = testLane().databaseUrl;
