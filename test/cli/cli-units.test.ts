import { describe, expect, it } from "vitest";
import { durationIso, durationMs, envFlag, intFlag } from "../../src/cli/commands/flags.js";
import { ProgressLine, formatElapsed } from "../../src/cli/commands/progress.js";
import { renderDetails, renderTable } from "../../src/cli/commands/table.js";

describe("flag values", () => {
  it("reads durations as ISO 8601 or with a unit; a bare number is seconds", () => {
    expect(durationMs("t", "PT1H30M")).toBe(5_400_000);
    expect(durationMs("t", "P1DT2S")).toBe(86_402_000);
    expect(durationMs("t", "90s")).toBe(90_000);
    expect(durationMs("t", "5m")).toBe(300_000);
    expect(durationMs("t", "250ms")).toBe(250);
    expect(durationMs("t", "12")).toBe(12_000);
    expect(durationIso("t", "pt5m")).toBe("PT5M");
    expect(durationIso("t", "2h")).toBe("PT7200S");
    expect(durationIso("t", "1500ms")).toBe("PT1.500S");
    for (const bad of ["P", "PT", "5 minutes", "-1s", ""]) {
      expect(() => durationMs("timeout", bad), bad).toThrow(/--timeout must be a duration/);
    }
  });

  it("reads integers in range and NAME=VALUE pairs", () => {
    expect(intFlag("n", "-1", -1, 5)).toBe(-1);
    expect(() => intFlag("n", "1.5", 0, 5)).toThrow(
      "--n must be an integer from 0 to 5, but it is '1.5'.",
    );
    expect(envFlag("env", ["A=1", "B=", "A=2"])).toEqual([
      { name: "A", value: "2" },
      { name: "B", value: "" },
    ]);
    expect(() => envFlag("env", ["=x"])).toThrow("--env must be NAME=VALUE, but it is '=x'.");
  });
});

describe("human output", () => {
  it("aligns table columns and trims trailing spaces", () => {
    expect(
      renderTable(
        ["A", "LONG HEADER"],
        [
          ["wide cell", ""],
          ["x", "y"],
        ],
      ),
    ).toBe("A          LONG HEADER\nwide cell\nx          y");
  });

  it("flattens a resource into aligned dotted keys", () => {
    const details = renderDetails({
      id: "t1",
      constraints: { maxTaskRetryCount: 2 },
      environmentSettings: [{ name: "A", value: "1" }],
      dependsOn: { taskIds: ["a", "b"] },
      outputFiles: [],
    });
    expect(details).toBe(
      [
        "id                           t1",
        "constraints.maxTaskRetryCount  2",
        "environmentSettings[0].name  A",
        "environmentSettings[0].value  1",
        "dependsOn.taskIds            a, b",
      ]
        .map((line) => {
          const [key, value] = line.split(/\s{2,}/);
          return `${key!.padEnd(29)}  ${value}`;
        })
        .join("\n"),
    );
  });

  it("formats elapsed time and ends a terminal line with a newline", () => {
    expect([formatElapsed(0), formatElapsed(61_999), formatElapsed(3_723_000)]).toEqual([
      "00:00",
      "01:01",
      "1:02:03",
    ]);
    let out = "";
    let now = 0;
    const line = new ProgressLine({ write: (t) => (out += t), isTTY: true, now: () => now });
    line.update("a");
    now = 1000;
    line.done("b");
    expect(out).toBe("\r\x1b[K[00:00] a\r\x1b[K[00:01] b\n");
  });
});
