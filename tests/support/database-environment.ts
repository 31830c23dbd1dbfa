// Runs in each test worker: points the app's data layer at the run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
