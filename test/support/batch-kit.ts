import { BatchError } from "../../src/batch/index.js";

/** The BatchError `run` throws; fails the test when it succeeds or throws something else. */
export function refusal(run: () => unknown): BatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof BatchError) return error;
    throw error;
  }
  throw new Error("expected a BatchError, but the call succeeded");
}
