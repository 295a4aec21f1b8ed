import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded-postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin connection string of the test PostgreSQL server (its `postgres` database). */
    sluicePgAdminUrl: string;
  }
}

/**
 * Vitest global setup: one PostgreSQL server for the whole run (initdb once), unless
 * SLUICE_TEST_PG_URL names one to use instead. Test files create their own databases on it.
 * Returns the teardown that stops the server, so no postgres process outlives the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.SLUICE_TEST_PG_URL;
  if (external !== undefined && external !== "") {
    project.provide("sluicePgAdminUrl", external);
    return;
  }
  const server = await startEmbeddedPostgres();
  project.provide("sluicePgAdminUrl", server.adminUrl);
  return () => server.stop();
}
