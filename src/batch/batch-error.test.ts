import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import {
  alreadyExists,
  BatchError,
  batchErrorCodes,
  batchErrorStatus,
  isBatchError,
  notFound,
} from "./batch-error.js";

describe("BatchError", () => {
  it("carries Batch's REST body with the property and reason", () => {
    const error = new BatchError("InvalidPropertyValue", "Property 'priority' is 5000: too high.", {
      PropertyName: "priority",
      PropertyValue: "5000",
      Reason: "too high",
    });
    expect(error.toBody()).toEqual({
      code: "InvalidPropertyValue",
      message: { lang: "en-US", value: "Property 'priority' is 5000: too high." },
      values: [
        { key: "PropertyName", value: "priority" },
        { key: "PropertyValue", value: "5000" },
        { key: "Reason", value: "too high" },
      ],
    });
    expect(error.status).toBe(400);
    expect(isSluiceError(error, "BatchRequestInvalid")).toBe(true);
    expect(error.details).toMatchObject({
      batchCode: "InvalidPropertyValue",
      PropertyName: "priority",
    });
  });

  it("omits values when there are none", () => {
    expect(new BatchError("ServerBusy", "busy").toBody()).not.toHaveProperty("values");
  });

  it("maps codes to Batch's HTTP statuses", () => {
    expect(batchErrorStatus("PoolNotFound")).toBe(404);
    expect(batchErrorStatus("JobExists")).toBe(409);
    expect(batchErrorStatus("TaskDependenciesNotSpecifiedOnJob")).toBe(400);
    expect(batchErrorStatus("ConditionNotMet")).toBe(412);
    expect(batchErrorStatus("RequestBodyTooLarge")).toBe(413);
    expect(batchErrorStatus("TooManyRequests")).toBe(429);
    expect(batchErrorStatus("InternalError")).toBe(500);
    for (const [status] of Object.values(batchErrorCodes))
      expect(status).toBeGreaterThanOrEqual(400);
  });

  it("uses BatchRequestRefused for state and existence errors", () => {
    const missing = notFound("job", "j1");
    expect(missing.batchCode).toBe("JobNotFound");
    expect(missing.code).toBe("BatchRequestRefused");
    expect(missing.message).toContain("'j1'");
    expect(alreadyExists("pool", "P").batchCode).toBe("PoolExists");
    expect(isBatchError(missing, "JobNotFound")).toBe(true);
    expect(isBatchError(missing, "TaskNotFound")).toBe(false);
    expect(isBatchError(new Error("x"))).toBe(false);
  });
});
