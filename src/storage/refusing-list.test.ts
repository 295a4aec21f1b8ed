import { describe, expect, it } from "vitest";
import { refusingList } from "./refusing-list.js";

describe("refusingList", () => {
  it("rejects with its error where the listing is read, and yields nothing", async () => {
    const error = new Error("HTTP sources cannot list");
    const seen: string[] = [];
    const read = async (): Promise<void> => {
      for await (const entry of refusingList(error)) seen.push(entry.path);
    };
    await expect(read()).rejects.toBe(error);
    expect(seen).toEqual([]);
  });
});
