// The quickstart's BlobEventsTrigger variant: after `sluice up` on the example factory, a
// new sales file and then the `_SUCCESS` marker landing in input/sales/ run process-sales
// once, and its summary counts the new file.
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startUp, type Up } from "../../src/app/index.js";
import { waitFor } from "./e2e-kit.js";

const root = new URL("../..", import.meta.url).pathname;

interface TriggerRunView {
  readonly status?: string;
  readonly triggeredPipelines?: Record<string, string>;
}

describe("the quickstart's storage event trigger", () => {
  let up: Up | undefined;
  let home: string | undefined;
  afterAll(async () => {
    await up?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("runs process-sales when the _SUCCESS marker lands", { timeout: 240_000 }, async () => {
    home = await mkdtemp(join(tmpdir(), "sluice-quickstart-blob-"));
    await cp(join(root, "examples/quickstart"), join(home, "quickstart"), { recursive: true });
    const dataDir = join(home, ".sluice");
    await mkdir(dataDir);
    const lines: string[] = [];
    up = await startUp(
      {
        dataDir,
        port: 0,
        nodes: 2,
        factoryPath: join(home, "quickstart"),
        runs: ["prepare-sample-data"],
      },
      (line) => lines.push(line),
    );
    expect(lines).toContain("Trigger 'sales-landed': started");
    const [prepared] = await up.runsDone;
    expect(prepared?.status).toBe("Succeeded");

    const server = up.server;
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${server.token}`,
          "content-type": body === undefined ? "application/octet-stream" : "application/json",
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    // A producer writes its data first, then the marker. Many CSV files fire nothing.
    await call(
      "PUT",
      "/sluice/storage/input/sales/sales-late.csv",
      "region,product,amount\nnorth,widget,10.5\n",
    );
    const firedRun = async (): Promise<string | undefined> => {
      const answer = (await call("POST", "/factories/quickstart/queryTriggerRuns", {
        filters: [{ operand: "TriggerName", operator: "Equals", values: ["sales-landed"] }],
      })) as { value: TriggerRunView[] };
      return answer.value.map((run) => run.triggeredPipelines?.["process-sales"]).find(Boolean);
    };
    // The trigger's first poll (every 5 s) only takes stock of what is there: a marker
    // written before it would not fire, so write it (anew) until a poll has seen it land.
    let attempt = 0;
    const runId = await waitFor(
      async () => {
        const fired = await firedRun();
        if (fired === undefined && attempt++ % 40 === 0) {
          await call("PUT", "/sluice/storage/input/sales/_SUCCESS", "");
        }
        return fired;
      },
      120_000,
      () => `no trigger run of sales-landed; up said:\n${lines.join("\n")}`,
    );
    const status = await waitFor(
      async () => {
        const run = (await call("GET", `/factories/quickstart/pipelineruns/${runId}`)) as {
          status: string;
        };
        return ["Succeeded", "Failed", "Cancelled"].includes(run.status) ? run.status : undefined;
      },
      150_000,
      () => `run ${runId} did not end`,
    );
    expect(status).toBe("Succeeded");
    const summary = JSON.parse(
      await readFile(join(dataDir, "storage", "output", "summary.json"), "utf8"),
    ) as { files: number };
    expect(summary.files).toBe(7);
  });
});
