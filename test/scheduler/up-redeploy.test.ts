// `sluice up` started again on the same data directory with the same factory folder: its
// schedule trigger, started the first time, is deployed unchanged and stays started (a started
// trigger written unchanged is no change). Started with the trigger changed in the folder,
// `sluice up` stops that trigger, deploys the change and starts it again (a plain deploy of a
// changed started trigger is refused, as ADF refuses it: started-trigger-guard.test.ts).
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startUp } from "../../src/app/index.js";
import { scheduleTrigger, whenPipeline } from "./trigger-api-kit.js";

let root: string;
let factoryDir: string;
let dataDir: string;

async function writeFactory(minutes: number): Promise<void> {
  await mkdir(join(factoryDir, "pipeline"), { recursive: true });
  await mkdir(join(factoryDir, "trigger"), { recursive: true });
  await writeFile(join(factoryDir, "pipeline", "P.json"), JSON.stringify(whenPipeline));
  await writeFile(
    join(factoryDir, "trigger", "Hourly.json"),
    JSON.stringify(scheduleTrigger("Hourly", minutes)),
  );
}

async function up(): Promise<{
  lines: string[];
  url: string;
  token: string;
  close: () => Promise<void>;
}> {
  const lines: string[] = [];
  const running = await startUp({ dataDir, port: 0, nodes: 0, factoryPath: factoryDir }, (line) =>
    lines.push(line),
  );
  return {
    lines,
    url: running.server.url,
    token: running.server.token,
    close: () => running.close(),
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "sluice-up-redeploy-"));
  factoryDir = join(root, "shop");
  dataDir = join(root, "data");
  await mkdir(dataDir);
});
afterAll(() => rm(root, { recursive: true, force: true }));

it("redeploys a factory whose trigger it started; applies a change to a started trigger", async () => {
  await writeFactory(60);
  const first = await up();
  await first.close();
  expect(first.lines).toContain("Trigger 'Hourly': started");
  const again = await up();
  await again.close();
  expect(again.lines.some((line) => line.startsWith("Deployed factory 'shop'"))).toBe(true);
  expect(again.lines).toContain("Trigger 'Hourly': started");
  await writeFactory(30);
  const changed = await up();
  const stored = await fetch(`${changed.url}/factories/shop/triggers/Hourly`, {
    headers: { authorization: `Bearer ${changed.token}` },
  }).then((response) => response.json() as Promise<{ properties: Record<string, unknown> }>);
  await changed.close();
  expect(changed.lines).toContain(
    "Trigger 'Hourly': changed in the folder; stopped to apply the change",
  );
  expect(changed.lines).toContain("Trigger 'Hourly': started");
  expect(stored.properties.runtimeState).toBe("Started");
  expect(stored.properties.typeProperties).toEqual(
    scheduleTrigger("Hourly", 30).properties.typeProperties,
  );
}, 120_000);
