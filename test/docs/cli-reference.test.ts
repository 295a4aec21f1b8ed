// docs/cli.md holds every command's own --help, current, and an entry in its table.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  cliCommands,
  cliReferenceFile,
  helpPages,
  renderReference,
  sluice,
  withReference,
} from "../../scripts/cli-reference.js";

describe("the CLI reference", () => {
  it(
    "is current: docs/cli.md is what `npm run docs:cli` writes",
    { timeout: 180_000 },
    async () => {
      const pages = await helpPages();
      for (const page of pages) expect(page.text, page.title).toMatch(/^Usage: sluice/);
      const onDisk = await readFile(cliReferenceFile, "utf8");
      expect(
        onDisk === (await withReference(renderReference(pages))),
        "run `npm run docs:cli`",
      ).toBe(true);
    },
  );

  it(
    "lists every command the CLI dispatches, in its table and overview",
    { timeout: 60_000 },
    async () => {
      const commands = await cliCommands();
      expect(commands.length).toBeGreaterThanOrEqual(12);
      const main = await readFile(new URL("../../src/cli/main.ts", import.meta.url), "utf8");
      const dispatched = [...main.matchAll(/case "([a-z-]+)":/g)]
        .map((m) => m[1]!)
        .filter((name) => !["help", "--help", "-h"].includes(name));
      expect([...dispatched].sort()).toEqual([...commands].sort());
      const doc = await readFile(cliReferenceFile, "utf8");
      for (const command of commands) {
        expect(doc, command).toContain(`[\`${command}`);
        expect(doc, command).toContain(`### \`sluice ${command}\``);
      }
      const [overview] = await sluice(["--help"]);
      for (const command of commands)
        expect(overview?.output, command).toMatch(
          new RegExp(`^ +([a-z-]+\\|)*${command}[ |]`, "m"),
        );
    },
  );
});
