import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { taskLayout } from "../../src/agent/index.js";
import { startFileServer, type FileServer } from "../storage/http-file-server.js";
import { removeRoot, startTestAgent, task, type TestAgent } from "./agent-support.js";
import { FixtureServer } from "./fixture-server.js";

describe("node agent: resource and output files", () => {
  let fixture: FixtureServer;
  let agent: TestAgent;
  let web: FileServer;
  let webRoot: string;

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 4 });
    await fixture.start();
    webRoot = await mkdtemp(join(tmpdir(), "sluice-web-"));
    await writeFile(join(webRoot, "tool.sh"), "echo from-http\n");
    web = await startFileServer(webRoot);
    agent = await startTestAgent(fixture);
  });

  afterEach(async () => {
    await agent.stop();
    await removeRoot(agent);
    await web.close();
    await rm(webRoot, { recursive: true, force: true });
    await fixture.dispose();
  });

  it("downloads a container of the server's storage under filePath, and an httpUrl file", async () => {
    const inputs = fixture.container("inputs");
    await inputs.write("data/a.txt", "alpha");
    await inputs.write("data/sub/b.txt", "beta");
    await inputs.write("other/c.txt", "not wanted");
    const claim = fixture.addTask(
      task("t1", "/bin/sh -c 'cat in/data/a.txt in/data/sub/b.txt; sh tool.sh'", {
        resourceFiles: [
          { source: { sluiceContainer: "inputs", blobPrefix: "data/" }, filePath: "in" },
          { source: { httpUrl: `${web.url}tool.sh` }, filePath: "tool.sh", fileMode: "0644" },
        ],
      }),
    );
    const ended = await agent.ended(claim);
    expect(ended.outcome).toMatchObject({ result: "success", exitCode: 0 });
    expect(fixture.log(claim, "stdout.txt")).toBe("alphabetafrom-http\n");
    const wd = taskLayout(agent.root, "task", "job1", "t1").workingDir;
    await expect(readFile(join(wd, "in/other/c.txt"))).rejects.toThrow();
  });

  it("reports a missing blob as BlobNotFound, a pre-processing error", async () => {
    const claim = fixture.addTask(
      task("t1", "/bin/true", {
        resourceFiles: [{ source: { httpUrl: `${web.url}missing.bin` }, filePath: "m.bin" }],
      }),
    );
    const { outcome } = await agent.ended(claim);
    expect(outcome).toMatchObject({ result: "failure", failureKind: "preProcessingError" });
    expect(outcome.failureInfo?.code).toBe("BlobNotFound");
    expect(outcome.exitCode).toBeUndefined();
  });

  it("uploads output files to the server's storage by pattern and by name", async () => {
    const claim = fixture.addTask(
      task(
        "t1",
        "/bin/sh -c 'mkdir -p out/deep; echo 1 > out/a.csv; echo 2 > out/deep/b.csv; echo s > summary.txt'",
        {
          outputFiles: [
            {
              filePattern: "out/**/*.csv",
              destination: { sluiceContainer: "results", path: "run1" },
              uploadCondition: "tasksuccess",
            },
            {
              filePattern: "summary.txt",
              destination: { sluiceContainer: "results", path: "run1/final.txt" },
              uploadCondition: "taskcompletion",
            },
            {
              filePattern: "summary.txt",
              destination: { sluiceContainer: "results", path: "never.txt" },
              uploadCondition: "taskfailure",
            },
          ],
        },
      ),
    );
    expect((await agent.ended(claim)).outcome.result).toBe("success");
    const results = fixture.container("results");
    const paths: string[] = [];
    for await (const entry of results.list("")) paths.push(entry.path);
    expect(paths).toEqual(["run1/a.csv", "run1/deep/b.csv", "run1/final.txt"]);
  });
});
