import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestFactory, type TestFactory } from "../../src/testing/index.js";
import { fixture } from "../factory-api/factory-api-kit.js";

// What a user's own pipeline test looks like: load the factory folder, replace the call to
// the outside world with a fixed output, run, and assert on activities and variables.
describe("sluice/testing", () => {
  let factory: TestFactory;
  beforeAll(async () => {
    factory = await loadTestFactory(fixture("unit-testing"));
  });
  afterAll(async () => {
    await factory?.close();
  });

  const orders = {
    orders: [
      { id: "a", amount: 5 },
      { id: "b", amount: 50 },
      { id: "c", amount: 12 },
    ],
  };

  it("runs a pipeline with a stubbed Web activity and exposes variables and outputs", async () => {
    const run = await factory.run("load-orders", { stubs: { "Fetch orders": { output: orders } } });
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ large: ["b", "c"], summary: "2 large: b,c" });
    expect(run.activity("Fetch orders").input).toEqual({
      method: "GET",
      url: "https://api.example.invalid/orders?region=eu",
    });
    expect(run.activity("Keep", { iteration: 1 }).status).toBe("Succeeded");
    expect(() => run.activity("Keep", { iteration: 0 })).toThrow(/did not run in iteration 0/);
    expect(run.activity("Report failure").status).toBe("Skipped");
    const child = [...run.children.values()][0];
    expect(child?.returnValue).toEqual({ text: "2 large: b,c" });
  });

  it("passes parameters, so a test can check each branch", async () => {
    const run = await factory.run("load-orders", {
      parameters: { region: "us", minimum: 1 },
      stubs: { "Fetch orders": { output: orders } },
    });
    expect(run.variables).toMatchObject({ large: ["a", "b", "c"] });
    expect(run.activity("Fetch orders").input).toMatchObject({
      url: "https://api.example.invalid/orders?region=us",
    });
  });

  it("stubs a failure, so the error path is tested too", async () => {
    const run = await factory.run("load-orders", {
      stubs: { "Fetch orders": { status: "Failed", error: { message: "HTTP 503" } } },
    });
    expect(run.status).toBe("Failed");
    expect(run.activity("Each order").status).toBe("Skipped");
    expect(run.activity("Report failure").error?.message).toBe("could not fetch orders: HTTP 503");
    // The leaf rule reaches Fetch orders first (through the skipped chain after it).
    expect(run.message).toBe("Operation on target Fetch orders failed: HTTP 503");
  });

  it("refuses a stub naming no activity, and a missing required parameter", async () => {
    await expect(factory.run("load-orders", { stubs: { "Fetch order": {} } })).rejects.toThrow(
      /stubs names activity 'Fetch order'/,
    );
    await expect(factory.run("summarise")).rejects.toMatchObject({
      code: "PipelineParameterInvalid",
    });
  });
});
