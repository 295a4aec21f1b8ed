import { describe, expect, it } from "vitest";
import { multiInstanceEnvironment } from "./multi-instance-run.js";

describe("multiInstanceEnvironment (Batch's runtime variables for multi-instance tasks)", () => {
  const instance = {
    numberOfInstances: 3,
    coordinationCommandLine: "/bin/true",
    commonResourceFiles: [],
    hostList: ["10.0.0.4", "10.0.0.5", "10.0.0.6"],
    masterNode: "10.0.0.4:6000",
  };

  it("gives the primary the host lists, the master, and true for the master flag", () => {
    const env = Object.fromEntries(
      multiInstanceEnvironment({ ...instance, instance: 0 }, "/nodes/n/workitems/j/job-1/t").map(
        (setting) => [setting.name, setting.value],
      ),
    );
    expect(env).toEqual({
      AZ_BATCH_HOST_LIST: "10.0.0.4,10.0.0.5,10.0.0.6",
      AZ_BATCH_NODE_LIST: "10.0.0.4;10.0.0.5;10.0.0.6",
      AZ_BATCH_MASTER_NODE: "10.0.0.4:6000",
      AZ_BATCH_IS_CURRENT_NODE_MASTER: "true",
      AZ_BATCH_TASK_SHARED_DIR: "/nodes/n/workitems/j/job-1/t",
      CCP_NODES: "3 10.0.0.4 1 10.0.0.5 1 10.0.0.6 1",
    });
  });

  it("says false on a subtask", () => {
    const env = multiInstanceEnvironment({ ...instance, instance: 2 }, "/d");
    expect(env.find((s) => s.name === "AZ_BATCH_IS_CURRENT_NODE_MASTER")?.value).toBe("false");
  });
});
