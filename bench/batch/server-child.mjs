// A Sluice server in its own process, run from the build (`dist/`) as `sluice server` runs it,
// so the bench measures the shipped server and agents, not the TypeScript loader, and their
// memory and CPU apart from the bench's. Prints `{ url, token }` as one JSON line; on the
// stdin line `rss` prints its peak and current RSS; stops cleanly when stdin closes.
// Usage: server-child.mjs DATA_DIR [BUILT_APP_INDEX] (default: this repository's dist/).
import process from "node:process";
import { createInterface } from "node:readline";
import { pathToFileURL, URL } from "node:url";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: server-child.mjs DATA_DIR [BUILT_APP_INDEX]");
const built =
  process.argv[3] === undefined
    ? new URL("../../dist/app/index.js", import.meta.url).href
    : pathToFileURL(process.argv[3]).href;
const { startServer } = await import(built);
const server = await startServer({ dataDir, port: 0, db: "sqlite" });
process.stdout.write(`${JSON.stringify({ url: server.url, token: server.token })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() !== "rss") return;
  // maxRSS is in KiB: the high-water mark of the whole process since it started.
  const peakBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ peakBytes, rssBytes: process.memoryUsage.rss() })}\n`);
});
lines.on("close", () => {
  void server.close().then(() => process.exit(0));
});
