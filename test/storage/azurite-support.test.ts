import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { openAzureBlobStorage } from "../../src/storage/index.js";
import { startAzurite } from "../support/azurite.js";
import { readAll } from "./storage-test-kit.js";

function running(pid: number): boolean {
  const table = execFileSync("ps", ["-e", "-o", "pid="], { encoding: "utf8" });
  return table.split("\n").some((line) => Number(line.trim()) === pid);
}

it("starts Azurite on a free loopback port and leaves no process behind", async () => {
  const first = await startAzurite();
  const second = await startAzurite();
  try {
    expect(first.blobEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/u);
    expect(second.blobEndpoint).not.toBe(first.blobEndpoint);
    expect(running(first.pid)).toBe(true);
    await first.createContainer("probe");
    const storage = openAzureBlobStorage({ containerUrl: first.containerSasUrl("probe") });
    await storage.write("hello.txt", "hello");
    expect((await readAll(await storage.read("hello.txt"))).toString()).toBe("hello");
  } finally {
    await Promise.all([first.stop(), second.stop()]);
  }
  expect(running(first.pid)).toBe(false);
  expect(running(second.pid)).toBe(false);
}, 60_000);
