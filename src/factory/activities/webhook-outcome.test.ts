import { describe, expect, it } from "vitest";
import { webhookOutcome } from "./webhook-outcome.js";

describe("webhookOutcome", () => {
  it("succeeds with the body as output unless reportStatusOnCallBack reports a failure", () => {
    expect(webhookOutcome("W", { output: { x: 1 }, statusCode: 500 }, false)).toEqual({
      status: "Succeeded",
      output: { output: { x: 1 }, statusCode: 500 },
    });
    expect(webhookOutcome("W", null, true)).toEqual({ status: "Succeeded", output: {} });
    expect(webhookOutcome("W", { StatusCode: "200" }, true).status).toBe("Succeeded");
  });

  it("fails on a status of 400 or more, or an error object", () => {
    const byStatus = webhookOutcome("W", { statusCode: 403 }, true);
    expect(byStatus).toMatchObject({ status: "Failed", error: { errorCode: "403", target: "W" } });
    const byError = webhookOutcome("W", { error: { errorCode: "E1", message: "broke" } }, true);
    expect(byError).toMatchObject({
      status: "Failed",
      error: { errorCode: "E1", message: "broke" },
    });
  });
});
