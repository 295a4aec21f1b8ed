import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/support/batch-kit.js";
import {
  validateNodeRemove,
  validatePoolAdd,
  validatePoolPatch,
  validatePoolResize,
  validatePoolUpdateProperties,
} from "./validate-pool.js";

const minimal = { id: "pool1", vmSize: "standard_d2s_v3", targetDedicatedNodes: 2 };

describe("validatePoolAdd", () => {
  it("accepts the minimal embedded pool and returns it typed", () => {
    expect(validatePoolAdd(minimal)).toEqual(minimal);
  });

  it("accepts an external pool without a target", () => {
    const pool = validatePoolAdd({ id: "ext", vmSize: "local", sluiceExternalNodes: true });
    expect(pool.sluiceExternalNodes).toBe(true);
  });

  it("normalizes enum spellings to Batch's wire values", () => {
    const pool = validatePoolAdd({ ...minimal, taskSchedulingPolicy: { nodeFillType: "Pack" } });
    expect(pool.taskSchedulingPolicy?.nodeFillType).toBe("pack");
  });

  it("accepts a full cloud pool definition", () => {
    const pool = validatePoolAdd({
      ...minimal,
      displayName: "Render farm",
      taskSlotsPerNode: 4,
      resizeTimeout: "PT15M",
      virtualMachineConfiguration: {
        imageReference: { publisher: "canonical", offer: "ubuntu", sku: "22_04-lts" },
        nodeAgentSKUId: "batch.node.ubuntu 22.04",
        dataDisks: [{ lun: 0, diskSizeGB: 100, caching: "ReadWrite" }],
        extensions: [{ name: "x", publisher: "p", type: "t", settings: { any: ["json"] } }],
      },
      networkConfiguration: { endpointConfiguration: { inboundNATPools: [] } },
      mountConfiguration: [
        { nfsMountConfiguration: { source: "host:/x", relativeMountPath: "x" } },
      ],
      startTask: {
        commandLine: "/bin/sh -c 'echo hi'",
        waitForSuccess: true,
        maxTaskRetryCount: 2,
      },
      metadata: [{ name: "team", value: "data" }],
      "odata.metadata": "https://account/$metadata#pools/@Element",
    });
    expect(pool.virtualMachineConfiguration?.dataDisks?.[0]?.caching).toBe("readwrite");
    expect(pool).not.toHaveProperty("odata.metadata");
  });

  it.each([
    [{ vmSize: "x", targetDedicatedNodes: 1 }, "MissingRequiredProperty", "id"],
    [{ id: "p", targetDedicatedNodes: 1 }, "MissingRequiredProperty", "vmSize"],
    [{ id: "p", vmSize: "x" }, "MissingRequiredProperty", "targetDedicatedNodes"],
    [{ ...minimal, id: "has space" }, "InvalidPropertyValue", "id"],
    [{ ...minimal, id: "x".repeat(65) }, "InvalidPropertyValue", "id"],
    [{ ...minimal, targetDedicatedNodes: "2" }, "InvalidRequestBody", "targetDedicatedNodes"],
    [{ ...minimal, targetDedicatedNodes: -1 }, "InvalidPropertyValue", "targetDedicatedNodes"],
    [{ ...minimal, targetDedicatedNodes: 1.5 }, "InvalidRequestBody", "targetDedicatedNodes"],
    [{ ...minimal, taskSlotsPerNode: 0 }, "InvalidPropertyValue", "taskSlotsPerNode"],
    [{ ...minimal, taskSlotsPerNode: 257 }, "InvalidPropertyValue", "taskSlotsPerNode"],
    [
      { ...minimal, taskSchedulingPolicy: { nodeFillType: "fill" } },
      "InvalidPropertyValue",
      "taskSchedulingPolicy.nodeFillType",
    ],
    [
      { ...minimal, taskSchedulingPolicy: {} },
      "MissingRequiredProperty",
      "taskSchedulingPolicy.nodeFillType",
    ],
    [{ ...minimal, resizeTimeout: "PT1M" }, "InvalidPropertyValue", "resizeTimeout"],
    [{ ...minimal, resizeTimeout: "15 minutes" }, "InvalidPropertyValue", "resizeTimeout"],
    [{ ...minimal, sluiceExternalNodes: "yes" }, "InvalidRequestBody", "sluiceExternalNodes"],
    [{ ...minimal, maxTasksPerNode: 2 }, "InvalidRequestBody", "maxTasksPerNode"],
    [{ ...minimal, startTask: {} }, "MissingRequiredProperty", "startTask.commandLine"],
    [{ ...minimal, metadata: [{ name: "a" }] }, "MissingRequiredProperty", "metadata[0].value"],
    [{ ...minimal, enableAutoScale: true }, "MissingRequiredProperty", "autoScaleFormula"],
    [
      { ...minimal, autoScaleFormula: "$TargetDedicatedNodes=1;" },
      "InvalidPropertyValue",
      "autoScaleFormula",
    ],
    [
      {
        id: "p",
        vmSize: "x",
        enableAutoScale: true,
        autoScaleFormula: "f",
        targetDedicatedNodes: 1,
      },
      "InvalidPropertyValue",
      "targetDedicatedNodes",
    ],
    [
      {
        ...minimal,
        startTask: {
          commandLine: "x",
          resourceFiles: [{ httpUrl: "https://h/f", filePath: "../x" }],
        },
      },
      "InvalidPropertyValue",
      "startTask.resourceFiles[0].filePath",
    ],
    [
      {
        ...minimal,
        virtualMachineConfiguration: { imageReference: {}, nodeAgentSKUId: "n" },
        cloudServiceConfiguration: { osFamily: "6" },
      },
      "InvalidPropertyValue",
      "cloudServiceConfiguration",
    ],
  ])("refuses %j with %s on %s", (body, code, property) => {
    const error = refusal(() => validatePoolAdd(body));
    expect(error.batchCode).toBe(code);
    expect(error.values.PropertyName).toBe(property);
    expect(error.message).toContain(property);
  });

  it("refuses a body that is not an object", () => {
    for (const body of [null, "pool", [minimal], 3]) {
      expect(refusal(() => validatePoolAdd(body)).batchCode).toBe("InvalidRequestBody");
    }
  });

  it("names the value and what is allowed", () => {
    const error = refusal(() => validatePoolAdd({ ...minimal, taskSlotsPerNode: 300 }));
    expect(error.message).toBe(
      "Property 'taskSlotsPerNode' is 300: must be an integer from 1 to 256.",
    );
    expect(error.values.PropertyValue).toBe("300");
  });

  it("ignores unknown properties when asked to", () => {
    expect(
      validatePoolAdd({ ...minimal, futureField: 1 }, { unknownProperties: "ignore" }),
    ).toEqual(minimal);
  });

  it("treats null as absent for optional properties", () => {
    expect(validatePoolAdd({ ...minimal, displayName: null })).toEqual(minimal);
  });
});

describe("pool patch, update, resize, remove", () => {
  it("accepts a patch of metadata and start task", () => {
    const patch = validatePoolPatch({ metadata: [], startTask: { commandLine: "x" } });
    expect(patch).toEqual({ metadata: [], startTask: { commandLine: "x" } });
  });

  it("refuses patching fields a patch cannot change", () => {
    expect(refusal(() => validatePoolPatch({ vmSize: "big" })).values.PropertyName).toBe("vmSize");
  });

  it("requires the replaced lists on updateproperties", () => {
    expect(refusal(() => validatePoolUpdateProperties({ metadata: [] })).batchCode).toBe(
      "MissingRequiredProperty",
    );
    expect(
      validatePoolUpdateProperties({
        metadata: [],
        certificateReferences: [],
        applicationPackageReferences: [],
      }),
    ).toBeTruthy();
  });

  it("validates resize bodies", () => {
    expect(
      validatePoolResize({ targetDedicatedNodes: 3, nodeDeallocationOption: "TaskCompletion" }),
    ).toEqual({
      targetDedicatedNodes: 3,
      nodeDeallocationOption: "taskcompletion",
    });
    expect(refusal(() => validatePoolResize({})).batchCode).toBe("MissingRequiredProperty");
    expect(
      refusal(() => validatePoolResize({ targetDedicatedNodes: 1, nodeDeallocationOption: "drop" }))
        .batchCode,
    ).toBe("InvalidPropertyValue");
  });

  it("validates remove-nodes bodies (1 to 100 nodes)", () => {
    expect(validateNodeRemove({ nodeList: ["n1"] }).nodeList).toEqual(["n1"]);
    expect(refusal(() => validateNodeRemove({ nodeList: [] })).batchCode).toBe(
      "InvalidPropertyValue",
    );
    const many = Array.from({ length: 101 }, (_, i) => `n${i}`);
    expect(refusal(() => validateNodeRemove({ nodeList: many })).values.PropertyName).toBe(
      "nodeList",
    );
  });
});
