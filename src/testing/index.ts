// sluice/testing: unit tests of ADF pipelines, in-process, on the real engine.
export {
  loadTestFactory,
  type StubbedOutcome,
  type TestFactory,
  type TestFactoryOptions,
  type TestRunOptions,
} from "./test-factory.js";
export { TestRun, type TestActivityRun } from "./test-run.js";
