import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runDeploy } from "../../src/cli/deploy-command.js";
import { runValidate } from "../../src/cli/validate-command.js";
import type { BatchIO } from "../../src/cli/commands/batch-io.js";
import { describeEachDialect } from "../support/databases.js";
import { fixture, startFactoryApi, token, type FactoryApi } from "./factory-api-kit.js";

interface Captured extends BatchIO {
  readonly lines: string[];
  readonly errors: string[];
}

function capture(url: string): Captured {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (text) => lines.push(text),
    err: (text) => errors.push(text),
    readFile: (path) => readFile(path, "utf8"),
    env: { SLUICE_URL: url, SLUICE_TOKEN: token },
    cwd: process.cwd(),
  };
}

describeEachDialect("sluice deploy", (target) => {
  let api: FactoryApi;
  let url: string;
  beforeAll(async () => {
    api = await startFactoryApi(await target.open());
    await api.app.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => api.app.close());

  it("validates, deploys over HTTP and prints what was created, then what is unchanged", async () => {
    const first = capture(url);
    expect(await runDeploy([fixture("retail")], first)).toBe(0);
    expect(first.errors).toEqual([]);
    expect(first.lines).toContainEqual(
      expect.stringMatching(/retail: valid, 0 errors and \d+ warnings? /),
    );
    expect(first.lines).toContainEqual(
      expect.stringMatching(/^created\s+pipeline\s+pl_master\s+v1$/),
    );
    expect(first.lines.at(-1)).toBe(
      'Deployed factory "retail-factory": 11 created, 0 updated, 0 unchanged, 0 deleted.',
    );
    const again = capture(url);
    expect(
      await runDeploy([fixture("retail"), "--factory", "retail-factory", "--json"], again),
    ).toBe(0);
    const report = JSON.parse(again.lines.join("\n"));
    expect(report.resources).toHaveLength(11);
    expect(report.resources.every((r: { outcome: string }) => r.outcome === "unchanged")).toBe(
      true,
    );
    expect((await api.call("GET", "/factories/retail-factory/triggers/tr_daily")).statusCode).toBe(
      200,
    );
  });

  it("prints sluice validate's problems and stores nothing when the factory is invalid", async () => {
    const validate = capture(url);
    expect(await runValidate([fixture("broken-many")], validate)).toBe(1);
    const deploy = capture(url);
    expect(await runDeploy([fixture("broken-many"), "--factory", "broken"], deploy)).toBe(1);
    expect(deploy.lines).toEqual(validate.lines);
    expect((await api.call("GET", "/factories/broken")).statusCode).toBe(404);
  });

  it("reports the server's refusal with its ADF code", async () => {
    const io = capture(url);
    expect(await runDeploy([fixture("retail"), "--factory", "x"], io)).toBe(1);
    expect(io.errors[0]).toMatch(/^error BadRequest: The factory name "x" is not valid/);
  });
});
