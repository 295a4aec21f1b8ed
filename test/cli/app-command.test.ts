// `sluice app` against a real Batch API on loopback.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runApp } from "../../src/cli/commands/index.js";
import type { Database } from "../../src/store/index.js";
import { startBatchApi, type BatchApi } from "../batch-api/batch-api-kit.js";
import { describeEachDialect } from "../support/databases.js";
import { zipOf } from "../support/zip.js";
import { runCli } from "./cli-harness.js";

describeEachDialect("sluice app", (target) => {
  let database: Database;
  let api: BatchApi;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    database = await target.open();
    api = await startBatchApi(database);
    url = await api.app.listen({ host: "127.0.0.1", port: 0 });
    dir = await mkdtemp(join(tmpdir(), "sluice-app-cli-"));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[]) => runCli(runApp, argv, { url });

  it("uploads, lists, sets the default version, shows and deletes", async () => {
    const zip = join(dir, "tool.zip");
    await writeFile(zip, await zipOf({ "run.sh": "echo hi\n" }));
    const uploaded = await cli(["upload", "tool", "1.0", zip]);
    expect(uploaded.code, uploaded.err).toBe(0);
    expect(uploaded.out).toMatch(/^Uploaded tool 1.0 \(\d+ bytes, sha256 [0-9a-f]{64}\)\.\n$/);
    expect((await cli(["list"])).out).toMatch(/tool\s+tool\s+1.0/);
    expect((await cli(["set", "tool", "--default-version", "1.0"])).code).toBe(0);
    const shown = JSON.parse((await cli(["show", "tool", "--json"])).out) as {
      defaultVersion: string;
    };
    expect(shown.defaultVersion).toBe("1.0");
    const bad = await cli(["set", "tool", "--default-version", "2.0"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("defaultVersion '2.0' is not a version");
    expect((await cli(["delete", "tool"])).out).toBe("Deleted application tool.\n");
    expect((await cli(["list"])).out).toBe("No applications.\n");
  });
});
