// Runs in each test worker: points the app's data layer at the lane's database.
import { testLane } from "./lane";

process.env.DATABASE_URL = testLane().databaseUrl;
