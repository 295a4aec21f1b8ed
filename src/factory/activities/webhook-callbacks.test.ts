import { describe, expect, it } from "vitest";
import { createWebhookCallbacks } from "./webhook-callbacks.js";

describe("WebhookCallbacks", () => {
  const key = { factory: "Sales", activityRunId: "r1", token: "tok-123" };

  it("delivers once, to the right factory (any case), id and token only", async () => {
    const callbacks = createWebhookCallbacks();
    const wait = callbacks.expect(key);
    expect(callbacks.deliver({ ...key, token: "tok-124" }, {})).toBe("unknown");
    expect(callbacks.deliver({ ...key, factory: "other" }, {})).toBe("unknown");
    expect(callbacks.deliver({ ...key, activityRunId: "r2" }, {})).toBe("unknown");
    expect(callbacks.deliver({ ...key, factory: "SALES" }, { a: 1 })).toBe("accepted");
    await expect(wait.received).resolves.toEqual({ a: 1 });
    expect(callbacks.deliver(key, {})).toBe("unknown");
    expect(callbacks.size).toBe(0);
  });

  it("lets a newer wait for the same run replace the older one, and close forgets it", async () => {
    const callbacks = createWebhookCallbacks();
    const first = callbacks.expect(key);
    const second = callbacks.expect({ ...key, token: "tok-new" });
    await expect(first.received).rejects.toThrow("replaced");
    first.close();
    expect(callbacks.size).toBe(1);
    expect(callbacks.deliver(key, {})).toBe("unknown");
    second.close();
    expect(callbacks.size).toBe(0);
  });
});
