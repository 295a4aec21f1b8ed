import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layout rules of DESIGN.md are enforced by ESLint; these cases prove each rule fires
 * (a lint config that silently stopped resolving imports would otherwise pass everything).
 */
const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? "parse-error");
}

describe("layout lint rules", () => {
  it("forbids expressions/ from importing another subsystem", async () => {
    const ids = await ruleIds(
      "src/expressions/probe.ts",
      'import { main } from "../cli/main.js";\nexport const x = main;\n',
    );
    expect(ids).toContain("import-x/no-restricted-paths");
  }, 30_000);

  it("forbids Node built-ins in expressions/ and core/", async () => {
    const code = 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n';
    expect(await ruleIds("src/expressions/probe.ts", code)).toContain("import-x/no-nodejs-modules");
    expect(await ruleIds("src/core/probe.ts", code)).toContain("import-x/no-nodejs-modules");
  }, 30_000);

  it("forbids reaching past a subsystem's index.ts", async () => {
    const ids = await ruleIds(
      "src/cli/probe.ts",
      'import { compileValue } from "../expressions/parser.js";\nexport const x = compileValue;\n',
    );
    expect(ids).toContain("no-restricted-imports");
  }, 30_000);

  it("allows what DESIGN.md allows", async () => {
    const ids = await ruleIds(
      "src/cli/probe.ts",
      'import { evaluate } from "../expressions/index.js";\nexport const x = evaluate;\n',
    );
    expect(ids).toEqual([]);
  }, 30_000);
});
