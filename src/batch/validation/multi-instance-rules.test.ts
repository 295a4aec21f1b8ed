import { describe, expect, it } from "vitest";
import type { TaskAddParameter } from "../../api/index.js";
import { isBatchError } from "../batch-error.js";
import { checkMultiInstance, multiInstancePoolProblem } from "./multi-instance-rules.js";

const task: TaskAddParameter = {
  id: "mpi",
  commandLine: "/bin/true",
  multiInstanceSettings: { numberOfInstances: 4, coordinationCommandLine: "/bin/true" },
};

describe("multi-instance task rules (Batch: inter-node communication, one task per node)", () => {
  it("accepts a pool with inter-node communication and one slot per node", () => {
    expect(
      multiInstancePoolProblem({ enableInterNodeCommunication: true, taskSlotsPerNode: 1 }),
    ).toBeUndefined();
    expect(() =>
      checkMultiInstance(task, "", { enableInterNodeCommunication: true, taskSlotsPerNode: 1 }),
    ).not.toThrow();
  });

  it("names what the pool lacks", () => {
    expect(
      multiInstancePoolProblem({ enableInterNodeCommunication: false, taskSlotsPerNode: 1 }),
    ).toMatch(/enableInterNodeCommunication/);
    expect(
      multiInstancePoolProblem({ enableInterNodeCommunication: true, taskSlotsPerNode: 4 }),
    ).toMatch(/taskSlotsPerNode 1 \(it has 4\)/);
  });

  it("throws InvalidPropertyValue naming multiInstanceSettings (under a collection's path)", () => {
    let caught: unknown;
    try {
      checkMultiInstance(task, "value[3]", {
        enableInterNodeCommunication: false,
        taskSlotsPerNode: 1,
      });
    } catch (error) {
      caught = error;
    }
    expect(isBatchError(caught, "InvalidPropertyValue")).toBe(true);
    if (!isBatchError(caught)) return;
    expect(caught.toBody().values).toContainEqual({
      key: "PropertyName",
      value: "value[3].multiInstanceSettings",
    });
    expect(caught.message).toContain("numberOfInstances 4");
  });

  it("checks nothing for an ordinary task or an unknown pool", () => {
    const plain = { id: "t", commandLine: "/bin/true" };
    expect(() =>
      checkMultiInstance(plain, "", { enableInterNodeCommunication: false }),
    ).not.toThrow();
    expect(() => checkMultiInstance(task, "", {})).not.toThrow();
  });
});
