// Bad trigger JSON is refused at deploy, at PUT triggers/{t} and by `sluice validate`, with a
// message naming the field, and nothing is stored: the scheduler's checks reach the factory
// service through its extraChecks hook, filled by the composition root's triggerChecks.
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { triggerChecks } from "../../src/app/index.js";
import { runValidate } from "../../src/cli/validate-command.js";
import { isSluiceError } from "../../src/core/index.js";
import {
  createFactoryService,
  type FactoryService,
  type TriggerResource,
} from "../../src/factory/index.js";
import { createHttpServer, factoryRoutes } from "../../src/server/index.js";
import { describeEachDialect } from "../support/databases.js";
import { scheduleTrigger, tumblingTrigger, whenPipeline } from "./trigger-api-kit.js";

type Json = Record<string, unknown>;

/** A schedule trigger with `change` applied to its recurrence. */
function schedule(name: string, change: Json): Json {
  const json = structuredClone(scheduleTrigger(name)) as unknown as {
    properties: { typeProperties: { recurrence: Json } };
  };
  Object.assign(json.properties.typeProperties.recurrence, change);
  return json as unknown as Json;
}

/** Each bad input, the JSON path its message must name, and words the message must hold. */
const bad: { what: string; trigger: Json; path: string; words: RegExp }[] = [
  {
    what: "an unknown frequency",
    trigger: schedule("T", { frequency: "Fortnight" }),
    path: "$.properties.typeProperties.recurrence.frequency",
    words: /frequency.*"Fortnight".*Minute, Hour, Day, Week, Month/,
  },
  {
    what: "hours out of range",
    trigger: schedule("T", { frequency: "Day", schedule: { hours: [9, 25] } }),
    path: "$.properties.typeProperties.recurrence.schedule.hours",
    words: /hours.*25.*0 to 23/,
  },
  {
    what: "an end before the start",
    trigger: schedule("T", { endTime: "2023-12-31T00:00:00Z" }),
    path: "$.properties.typeProperties.recurrence.endTime",
    words: /endTime/,
  },
  {
    what: "an unknown time zone",
    trigger: schedule("T", { timeZone: "Mars Standard Time" }),
    path: "$.properties.typeProperties.recurrence.timeZone",
    words: /Mars Standard Time/,
  },
  {
    what: "a dependency on a missing trigger",
    trigger: tumblingTrigger("T", {
      dependsOn: [
        {
          type: "TumblingWindowTriggerDependencyReference",
          referenceTrigger: { referenceName: "Nowhere", type: "TriggerReference" },
        },
      ],
    }) as unknown as Json,
    path: "$.properties.typeProperties.dependsOn[0].referenceTrigger.referenceName",
    words: /Nowhere.*does not exist/,
  },
  {
    what: "an unknown missed-fire policy annotation",
    trigger: {
      ...scheduleTrigger("T"),
      properties: {
        ...scheduleTrigger("T").properties,
        annotations: ["nightly", "sluice:missedFires=later"],
      },
    } as unknown as Json,
    path: "$.properties.annotations[1]",
    words: /sluice:missedFires=later.*sluice:missedFires=skip.*sluice:missedFires=catchUp/,
  },
];

function refusal(error: unknown): { message: string; problems: Json[] } {
  if (!isSluiceError(error) || error.code !== "FactoryInvalid") throw error;
  return {
    message: error.message,
    problems: (error.details as { problems: Json[] }).problems,
  };
}

it("triggerChecks files each problem under its trigger's file and finds none in good triggers", () => {
  const good = { pipelines: [], datasets: [], linkedServices: [], others: [] };
  expect(
    triggerChecks({ ...good, triggers: [scheduleTrigger("A"), tumblingTrigger("B")] }),
  ).toEqual([]);
  const problems = triggerChecks({
    ...good,
    triggers: [scheduleTrigger("A"), bad[0]!.trigger as unknown as TriggerResource],
  });
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ severity: "error", file: "trigger/T.json" });
});

describeEachDialect("trigger validation", (target) => {
  let factories: FactoryService;

  beforeAll(async () => {
    factories = createFactoryService({ database: await target.open(), extraChecks: triggerChecks });
  });

  for (const { what, trigger, path, words } of bad) {
    it(`refuses ${what} at deploy and at PUT, naming the field; nothing is stored`, async () => {
      const factory = `f-${randomUUID().slice(0, 8)}`;
      const deploy = await factories
        .deploy({ pipelines: [whenPipeline], triggers: [trigger] }, { factory })
        .then(() => undefined, refusal);
      expect(deploy?.message).toMatch(words);
      expect(deploy?.problems.map((p) => p.jsonPath)).toContain(path);
      expect(deploy?.problems.every((p) => p.file === "trigger/T.json")).toBe(true);
      await expect(factories.getFactory(factory)).rejects.toMatchObject({ code: "StoreNotFound" });

      await factories.deploy({ pipelines: [whenPipeline] }, { factory });
      const put = await factories
        .putResource(factory, "trigger", "T", { properties: (trigger as Json).properties })
        .then(() => undefined, refusal);
      expect(put?.message).toMatch(words);
      expect(put?.problems.map((p) => p.jsonPath)).toContain(path);
      await expect(factories.getResource(factory, "trigger", "T")).rejects.toMatchObject({
        code: "StoreNotFound",
      });
    });
  }

  it("answers a bad PUT over REST with ADF's 400 naming the field", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    await factories.deploy({ pipelines: [whenPipeline] }, { factory });
    const app = createHttpServer({ token: "t", routes: [factoryRoutes(factories)] });
    const reply = await app.inject({
      method: "PUT",
      url: `/factories/${factory}/triggers/T`,
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      payload: JSON.stringify({ properties: (bad[1]!.trigger as Json).properties }),
    });
    await app.close();
    expect(reply.statusCode).toBe(400);
    const body = reply.json<{ error: { code: string; details: { target: string }[] } }>();
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.details.map((d) => d.target)).toContain(
      "trigger/T.json:$.properties.typeProperties.recurrence.schedule.hours",
    );
  });

  it("accepts a dependency on a trigger deployed with it, and a good PUT", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const dependsOn = [
      {
        type: "TumblingWindowTriggerDependencyReference",
        referenceTrigger: { referenceName: "Up", type: "TriggerReference" },
      },
    ];
    await factories.deploy(
      {
        pipelines: [whenPipeline],
        triggers: [tumblingTrigger("Up"), tumblingTrigger("Down", { dependsOn })],
      },
      { factory },
    );
    await factories.putResource(factory, "trigger", "Hourly", scheduleTrigger("Hourly"));
    expect((await factories.getResource(factory, "trigger", "Hourly")).name).toBe("Hourly");
  });
});

it("sluice validate reports each bad trigger with its field and exits 1", async () => {
  const root = await mkdtemp(join(tmpdir(), "sluice-trigger-validate-"));
  await mkdir(join(root, "pipeline"));
  await mkdir(join(root, "trigger"));
  await writeFile(join(root, "pipeline", "P.json"), JSON.stringify(whenPipeline));
  for (const [i, { trigger }] of bad.entries()) {
    await writeFile(
      join(root, "trigger", `T${i}.json`),
      JSON.stringify({ ...trigger, name: `T${i}` }),
    );
  }
  const lines: string[] = [];
  const io = {
    out: (text: string) => lines.push(text),
    err: (text: string) => lines.push(text),
    readFile: (path: string) => readFile(path, "utf8"),
  };
  expect(await runValidate([root], io)).toBe(1);
  const output = lines.join("\n");
  for (const [i, { path, words }] of bad.entries()) {
    const line = lines.find((l) => l.startsWith(`trigger/T${i}.json:${path}: error: `));
    expect(line, `${path} in:\n${output}`).toBeDefined();
    expect(line).toMatch(words);
  }
  expect(output).toMatch(new RegExp(`invalid, ${bad.length} errors`));
});
