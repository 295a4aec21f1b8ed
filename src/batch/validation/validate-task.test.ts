import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/support/batch-kit.js";
import { filePathEscape } from "./resource-file-rules.js";
import {
  validateTaskAdd,
  validateTaskUpdate,
  type TaskValidationContext,
} from "./validate-task.js";

const minimal = { id: "t1", commandLine: "/bin/true" };
const withFile = (file: object): object => ({ ...minimal, resourceFiles: [file] });

describe("validateTaskAdd", () => {
  it("accepts a minimal task", () => {
    expect(validateTaskAdd(minimal)).toEqual(minimal);
  });

  it("accepts a full task", () => {
    const task = validateTaskAdd(
      {
        ...minimal,
        displayName: "x",
        resourceFiles: [
          { httpUrl: "https://example.com/a.txt", filePath: "inputs/a.txt", fileMode: "0644" },
          {
            storageContainerUrl: "https://acct.blob.core.windows.net/c?sig=x",
            blobPrefix: "data/",
          },
          { autoStorageContainerName: "inputs", filePath: "in" },
        ],
        outputFiles: [
          {
            filePattern: "**/*.csv",
            destination: {
              container: {
                containerUrl: "https://acct.blob.core.windows.net/out?sig=y",
                path: "results",
              },
            },
            uploadOptions: { uploadCondition: "TaskSuccess" },
          },
        ],
        environmentSettings: [{ name: "MODE", value: "fast" }],
        constraints: { maxWallClockTime: "PT1H", retentionTime: "P7D", maxTaskRetryCount: 3 },
        exitConditions: { exitCodes: [{ code: 2, exitOptions: { dependencyAction: "satisfy" } }] },
        userIdentity: { autoUser: { scope: "task", elevationLevel: "admin" } },
        requiredSlots: 2,
        dependsOn: { taskIds: ["a", "b"], taskIdRanges: [{ start: 1, end: 10 }] },
      },
      { usesTaskDependencies: true, taskSlotsPerNode: 4 },
    );
    expect(task.outputFiles?.[0]?.uploadOptions.uploadCondition).toBe("tasksuccess");
    expect(task.resourceFiles).toHaveLength(3);
  });

  it.each([
    [{ commandLine: "x" }, "MissingRequiredProperty", "id"],
    [{ id: "t" }, "MissingRequiredProperty", "commandLine"],
    [{ id: "t", commandLine: "" }, "InvalidPropertyValue", "commandLine"],
    [{ id: "t/1", commandLine: "x" }, "InvalidPropertyValue", "id"],
    [{ id: 5, commandLine: "x" }, "InvalidRequestBody", "id"],
    [{ ...minimal, commandLine: ["a"] }, "InvalidRequestBody", "commandLine"],
    [{ ...minimal, requiredSlots: 0 }, "InvalidPropertyValue", "requiredSlots"],
    [
      { ...minimal, constraints: { maxTaskRetryCount: "3" } },
      "InvalidRequestBody",
      "constraints.maxTaskRetryCount",
    ],
    [
      { ...minimal, constraints: { maxTaskRetryCount: -5 } },
      "InvalidPropertyValue",
      "constraints.maxTaskRetryCount",
    ],
    [
      { ...minimal, constraints: { retentionTime: "7 days" } },
      "InvalidPropertyValue",
      "constraints.retentionTime",
    ],
    [
      { ...minimal, environmentSettings: [{ value: "v" }] },
      "MissingRequiredProperty",
      "environmentSettings[0].name",
    ],
    [{ ...minimal, environmentSettings: { A: "1" } }, "InvalidRequestBody", "environmentSettings"],
    [{ ...minimal, environmentSettings: [null] }, "InvalidPropertyValue", "environmentSettings[0]"],
    [
      { ...minimal, userIdentity: { userName: "u", autoUser: {} } },
      "InvalidPropertyValue",
      "userIdentity",
    ],
    [
      { ...minimal, userIdentity: { autoUser: { elevationLevel: "root" } } },
      "InvalidPropertyValue",
      "userIdentity.autoUser.elevationLevel",
    ],
    [{ ...minimal, constraint: {} }, "InvalidRequestBody", "constraint"],
  ])("refuses %j with %s on %s", (body, code, property) => {
    const error = refusal(() => validateTaskAdd(body));
    expect(error.batchCode).toBe(code);
    expect(error.values.PropertyName).toBe(property);
  });
});

describe("resource files", () => {
  it.each([
    [{}, "InvalidPropertyValue", "resourceFiles[0]"],
    [
      { httpUrl: "https://h/x", autoStorageContainerName: "c", filePath: "x" },
      "InvalidPropertyValue",
      "resourceFiles[0]",
    ],
    [{ httpUrl: "https://h/x" }, "MissingRequiredProperty", "resourceFiles[0].filePath"],
    [
      { httpUrl: "https://h/x", filePath: "dir/" },
      "InvalidPropertyValue",
      "resourceFiles[0].filePath",
    ],
    [
      { httpUrl: "https://h/x", filePath: "x", blobPrefix: "p" },
      "InvalidPropertyValue",
      "resourceFiles[0].blobPrefix",
    ],
    [{ httpUrl: "ftp://h/x", filePath: "x" }, "InvalidPropertyValue", "resourceFiles[0].httpUrl"],
    [{ httpUrl: "not a url", filePath: "x" }, "InvalidPropertyValue", "resourceFiles[0].httpUrl"],
    [
      { storageContainerUrl: "/local/dir" },
      "InvalidPropertyValue",
      "resourceFiles[0].storageContainerUrl",
    ],
    [
      { httpUrl: "https://h/x", filePath: "x", fileMode: "rwx" },
      "InvalidPropertyValue",
      "resourceFiles[0].fileMode",
    ],
    [
      { httpUrl: "https://h/x", filePath: "x", fileMode: "0999" },
      "InvalidPropertyValue",
      "resourceFiles[0].fileMode",
    ],
  ])("refuses %j with %s on %s", (file, code, property) => {
    const error = refusal(() => validateTaskAdd(withFile(file)));
    expect(error.batchCode).toBe(code);
    expect(error.values.PropertyName).toBe(property);
  });

  it.each([
    "../x",
    "a/../../x",
    "/etc/passwd",
    "\\\\server\\share\\x",
    "..\\x",
    "a\\..\\..\\x",
    "C:\\Windows\\x",
    "c:x",
    "..",
    "a/..",
    "x\u0000y",
  ])("refuses the escaping path %j", (filePath) => {
    const error = refusal(() => validateTaskAdd(withFile({ httpUrl: "https://h/f", filePath })));
    expect(error.batchCode).toBe("InvalidPropertyValue");
    expect(error.values.PropertyName).toBe("resourceFiles[0].filePath");
    expect(error.values.PropertyValue).toBe(filePath);
    expect(
      refusal(() => validateTaskAdd(withFile({ autoStorageContainerName: "c", filePath })))
        .batchCode,
    ).toBe("InvalidPropertyValue");
  });

  it.each(["x", "a/b/c.txt", "..x", "x..", "a/.../b", ".hidden", "./x", "a b/c"])(
    "accepts the path %j",
    (filePath) => {
      expect(filePathEscape(filePath)).toBeUndefined();
      expect(validateTaskAdd(withFile({ httpUrl: "https://h/f", filePath }))).toBeTruthy();
    },
  );
});

describe("output files", () => {
  const output = (overrides: object): object => ({
    ...minimal,
    outputFiles: [
      {
        filePattern: "*.txt",
        destination: { container: { containerUrl: "https://a/c" } },
        uploadOptions: { uploadCondition: "taskCompletion" },
        ...overrides,
      },
    ],
  });

  it.each([
    [{ filePattern: "" }, "InvalidPropertyValue", "outputFiles[0].filePattern"],
    [{ destination: {} }, "MissingRequiredProperty", "outputFiles[0].destination.container"],
    [
      { destination: { container: {} } },
      "MissingRequiredProperty",
      "outputFiles[0].destination.container.containerUrl",
    ],
    [
      { destination: { container: { containerUrl: "c:/out" } } },
      "InvalidPropertyValue",
      "outputFiles[0].destination.container.containerUrl",
    ],
    [
      { uploadOptions: { uploadCondition: "always" } },
      "InvalidPropertyValue",
      "outputFiles[0].uploadOptions.uploadCondition",
    ],
    [{ uploadOptions: undefined }, "MissingRequiredProperty", "outputFiles[0].uploadOptions"],
  ])("refuses %j with %s on %s", (overrides, code, property) => {
    const error = refusal(() => validateTaskAdd(output(overrides)));
    expect(error.batchCode).toBe(code);
    expect(error.values.PropertyName).toBe(property);
  });
});

describe("exit conditions", () => {
  const conditions = { exitCodes: [{ code: 1, exitOptions: { jobAction: "terminate" } }] };

  it("allows jobAction only under performExitOptionsJobAction", () => {
    const error = refusal(() => validateTaskAdd({ ...minimal, exitConditions: conditions }));
    expect(error.batchCode).toBe("InvalidPropertyValue");
    expect(error.values.PropertyName).toBe("exitConditions.exitCodes[0].exitOptions.jobAction");
    const context: TaskValidationContext = { onTaskFailure: "performexitoptionsjobaction" };
    expect(
      validateTaskAdd({ ...minimal, exitConditions: conditions }, context).exitConditions,
    ).toEqual(conditions);
  });

  it("checks jobAction in every exit option", () => {
    for (const name of ["preProcessingError", "fileUploadError", "default"]) {
      const body = { ...minimal, exitConditions: { [name]: { jobAction: "none" } } };
      expect(refusal(() => validateTaskAdd(body)).values.PropertyName).toBe(
        `exitConditions.${name}.jobAction`,
      );
    }
  });

  it("refuses a reversed exit code range and unknown actions", () => {
    const reversed = { exitCodeRanges: [{ start: 5, end: 1, exitOptions: {} }] };
    expect(
      refusal(() => validateTaskAdd({ ...minimal, exitConditions: reversed })).values.PropertyName,
    ).toBe("exitConditions.exitCodeRanges[0]");
    const unknown = { default: { dependencyAction: "ignore" } };
    expect(refusal(() => validateTaskAdd({ ...minimal, exitConditions: unknown })).batchCode).toBe(
      "InvalidPropertyValue",
    );
  });
});

describe("dependencies and slots", () => {
  const deps = { taskIds: ["a"] };

  it("needs usesTaskDependencies on the job", () => {
    const error = refusal(() => validateTaskAdd({ ...minimal, dependsOn: deps }));
    expect(error.batchCode).toBe("TaskDependenciesNotSpecifiedOnJob");
    expect(error.status).toBe(400);
    expect(
      validateTaskAdd({ ...minimal, dependsOn: deps }, { usesTaskDependencies: true }).dependsOn,
    ).toEqual(deps);
  });

  it("limits taskIds to 64,000 characters in all", () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `t${String(i).padStart(63, "0")}`);
    const error = refusal(() =>
      validateTaskAdd({ ...minimal, dependsOn: { taskIds: ids } }, { usesTaskDependencies: true }),
    );
    expect(error.batchCode).toBe("TaskDependencyListTooLong");
    const fits = ids.slice(0, 1000);
    expect(
      validateTaskAdd({ ...minimal, dependsOn: { taskIds: fits } }, { usesTaskDependencies: true }),
    ).toBeTruthy();
  });

  it("refuses reversed ranges and self-dependencies", () => {
    const context = { usesTaskDependencies: true };
    const reversed = { ...minimal, dependsOn: { taskIdRanges: [{ start: 9, end: 1 }] } };
    expect(refusal(() => validateTaskAdd(reversed, context)).values.PropertyName).toBe(
      "dependsOn.taskIdRanges[0]",
    );
    const self = { ...minimal, dependsOn: { taskIds: ["T1"] } };
    expect(refusal(() => validateTaskAdd(self, context)).values.PropertyName).toBe(
      "dependsOn.taskIds[0]",
    );
    const selfRange = {
      id: "5",
      commandLine: "x",
      dependsOn: { taskIdRanges: [{ start: 1, end: 10 }] },
    };
    expect(refusal(() => validateTaskAdd(selfRange, context)).batchCode).toBe(
      "InvalidPropertyValue",
    );
  });

  it("refuses requiredSlots above the pool's taskSlotsPerNode with a clear error", () => {
    const error = refusal(() =>
      validateTaskAdd({ ...minimal, requiredSlots: 3 }, { taskSlotsPerNode: 2 }),
    );
    expect(error.batchCode).toBe("InvalidPropertyValue");
    expect(error.message).toContain("taskSlotsPerNode (2)");
    expect(validateTaskAdd({ ...minimal, requiredSlots: 3 })).toBeTruthy();
  });

  it("needs requiredSlots 1 for multi-instance tasks", () => {
    const body = {
      ...minimal,
      requiredSlots: 2,
      multiInstanceSettings: { coordinationCommandLine: "c" },
    };
    expect(refusal(() => validateTaskAdd(body)).values.PropertyName).toBe("requiredSlots");
  });

  it("refuses the ids of the job's preparation and release tasks", () => {
    const error = refusal(() =>
      validateTaskAdd(
        { ...minimal, id: "JobPreparation" },
        { jobPreparationTaskId: "jobpreparation" },
      ),
    );
    expect(error.batchCode).toBe("TaskIdSameAsJobPreparationTask");
    expect(refusal(() => validateTaskAdd(minimal, { jobReleaseTaskId: "t1" })).batchCode).toBe(
      "TaskIdSameAsJobReleaseTask",
    );
  });
});

describe("validateTaskUpdate", () => {
  it("accepts constraints only", () => {
    expect(validateTaskUpdate({ constraints: { maxTaskRetryCount: 1 } })).toEqual({
      constraints: { maxTaskRetryCount: 1 },
    });
    expect(refusal(() => validateTaskUpdate({ commandLine: "x" })).batchCode).toBe(
      "InvalidRequestBody",
    );
  });
});
