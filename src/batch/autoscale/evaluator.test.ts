// The language's types, operators, functions and sample methods at run time
// (batch-automatic-scaling.md: "Types", "Operations", "Functions", "Obtain sample data").
import { describe, expect, it } from "vitest";
import { ManualClock, seededRandom, type RandomSource } from "../../core/index.js";
import {
  compileFormula,
  evaluateFormula,
  parseFormula,
  type Sample,
  type SampledVariable,
} from "./index.js";

const now = Date.parse("2024-05-06T10:00:00Z");

function run(
  formula: string,
  history: Partial<Record<SampledVariable, Sample[]>> = {},
  options: { random?: RandomSource; check?: boolean; target?: number } = {},
) {
  const parsed = options.check === false ? parseFormula(formula) : compileFormula(formula);
  return evaluateFormula(parsed, {
    clock: new ManualClock(now),
    random: options.random ?? seededRandom(7),
    samples: { samples: (name) => history[name] ?? [] },
    samplePeriodMs: 30_000,
    pool: {
      targetDedicatedNodes: options.target ?? 2,
      targetLowPriorityNodes: 0,
      currentDedicatedNodes: 2,
      currentLowPriorityNodes: 0,
      taskSlotsPerNode: 4,
    },
  });
}

/** The results entry of `$name`. */
function value(
  formula: string,
  name = "$r",
  history: Partial<Record<SampledVariable, Sample[]>> = {},
) {
  const result = run(formula, history);
  expect(result.error).toBeUndefined();
  const entry = result.results.split(";").find((part) => part.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

const every30s = (values: number[]): Sample[] =>
  values.map((v, i) => ({ time: now - (values.length - 1 - i) * 30_000, value: v }));

describe("operators", () => {
  it.each([
    ["$r = 1 + 2 * 3 - 4 / 2;", "5"],
    ["$r = (1 + 2) * 3;", "9"],
    ["$r = -2 * -3;", "6"],
    ["$r = !0 + !5;", "1"],
    ["$r = 1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4;", "0"],
    ["$r = 1 == 1 || 0;", "1"],
    ["$r = 1 != 1;", "0"],
    ['$r = "abc" < "abd";', "1"],
    ['$r = "a" == "a";', "1"],
    ["$r = 1 ? 2 : 3 ? 4 : 5;", "2"],
    ["$r = 0 ? 2 : 0 ? 4 : 5;", "5"],
    ["$r = 0.1 + 0.2;", "0.3"],
    ["$r = 7 / 2;", "3.5"],
    ["$r = 1e3 + .5;", "1000.5"],
  ])("%s gives %s", (formula, expected) => {
    expect(value(formula)).toBe(expected);
  });

  it("doubleVec with double and doubleVec, element-wise", () => {
    const history = { PendingTasks: every30s([1, 2, 3]) };
    expect(value("v = $PendingTasks.GetSample(3); $r = v * 2 + 1;", "$r", history)).toBe("[3,5,7]");
    expect(value("v = $PendingTasks.GetSample(3); $r = v - v / 2;", "$r", history)).toBe(
      "[0.5,1,1.5]",
    );
  });

  it("vectors of different lengths fail at the operator", () => {
    const result = run(
      "a = $PendingTasks.GetSample(2);\nb = $PendingTasks.GetSample(3);\n$r = a + b;",
      {
        PendingTasks: every30s([1, 2, 3]),
      },
    );
    expect(result.error?.code).toBe("AutoScalingFormulaEvaluationError");
    expect(result.error?.values?.[0]?.value).toBe(
      "Line 3, Col 8: the vectors have different lengths (2 and 3); element-wise operations need equal lengths",
    );
  });

  it("timestamps and time intervals", () => {
    expect(value("$r = TimeInterval_Minute * 90;")).toBe("01:30:00");
    expect(value("$r = 2 * TimeInterval_Day + TimeInterval_Second / 4;")).toBe(
      "2.00:00:00.2500000",
    );
    expect(value("$r = -TimeInterval_Hour;")).toBe("-01:00:00");
    expect(value("$r = time() + TimeInterval_Week;")).toBe("2024-05-13T10:00:00.000Z");
    expect(value("$r = TimeInterval_Hour + time();")).toBe("2024-05-06T11:00:00.000Z");
    expect(value('$r = time() - time("2024-05-06T09:59:00Z");')).toBe("00:01:00");
    expect(value('$r = time("2024-05-06T09:59:00Z") < time();')).toBe("1");
    expect(value("$r = TimeInterval_Second > TimeInterval_Millisecond * 999;")).toBe("1");
    expect(value("$r = TimeInterval_100ns * 10 == TimeInterval_Microsecond;")).toBe("1");
    expect(value("$r = TimeInterval_Year / 365 == TimeInterval_Day;")).toBe("1");
    expect(value("$r = TimeInterval_Zero;")).toBe("00:00:00");
  });

  it("timestamp members, in UTC; weekday 1 is Monday", () => {
    const t = 'time("2024-05-05T23:04:05Z")';
    const formula = ["year", "month", "day", "weekday", "hour", "minute", "second"]
      .map((m) => `${m} = ${t}.${m};`)
      .join("");
    expect(run(formula).results).toContain(
      "$day=5;$hour=23;$minute=4;$month=5;$second=5;$weekday=0;$year=2024",
    );
  });

  it("&& and || do not evaluate the right side when the left decides", () => {
    expect(value("$r = 0 && max($PendingTasks.GetSample(TimeInterval_Minute, 95)) > 0;")).toBe("0");
    expect(value("$r = 1 || max($PendingTasks.GetSample(TimeInterval_Minute, 95)) > 0;")).toBe("1");
  });

  it("an operator refused at run time names the types and the place", () => {
    const result = run("$x = rand() < 2 ? time() : 1;\n$r = $x + 1;");
    expect(result.error?.values?.[0]?.value).toBe(
      "Line 2, Col 9: the operator '+' cannot be applied to timestamp and double",
    );
  });
});

describe("functions", () => {
  const v = "v = $PendingTasks.GetSample(5);";
  const history = { PendingTasks: every30s([4, 1, 3, 2, 5]) };
  it.each([
    ["$r = avg(v);", "3"],
    ["$r = avg(v, 9);", "4"],
    ["$r = len(v, 1, v);", "11"],
    ["$r = max(v, 7);", "7"],
    ["$r = min(0.5, v);", "0.5"],
    ["$r = norm(3, 4);", "5"],
    ["$r = range(v);", "4"],
    ["$r = sum(v);", "15"],
    ["$r = std(2, 4, 4, 4, 5, 5, 7, 9);", "2.1380899352994"],
    ["$r = percentile(v, 50);", "3"],
    ["$r = percentile(v, 100);", "5"],
    ["$r = percentile(v, 0);", "1"],
    ["$r = val(v, 0);", "4"],
    ["$r = val(v, 4);", "5"],
    ["$r = lg(8);", "3"],
    ["$r = ln(1);", "0"],
    ["$r = log(1000);", "3"],
    ["$r = lg(v);", "[2,0,1.58496250072116,1,2.32192809488736]"],
    ["$r = log(10, 100);", "[1,2]"],
    ["$r = MAX(1, 2);", "2"],
  ])("%s gives %s", (formula, expected) => {
    expect(value(v + formula, "$r", history)).toBe(expected);
  });

  it("rand() reads the injected random source", () => {
    const result = run(
      "$r = rand();",
      {},
      { random: { next: () => 0.25, bytes: () => new Uint8Array() } },
    );
    expect(result.results).toContain("$r=0.25");
  });

  it("time() reads the injected clock, and W3C-DTF and RFC 1123 strings", () => {
    expect(value("$r = time();")).toBe("2024-05-06T10:00:00.000Z");
    expect(value('$r = time("");')).toBe("2024-05-06T10:00:00.000Z");
    expect(value('$r = time("Sun, 05 May 2024 08:30:00 GMT");')).toBe("2024-05-05T08:30:00.000Z");
    expect(value('$r = time("2024-05-05");')).toBe("2024-05-05T00:00:00.000Z");
  });

  it.each([
    ['$r = time("not a date");', 'time() cannot read "not a date"'],
    ["$r = val(v, 5);", "val() index 5 is outside the vector (length 5)"],
    ["$r = percentile(v, 101);", "percentile() takes a percentile from 0 to 100, not 101"],
    ["$r = std(1);", "std() needs at least 2 values"],
    ["$r = avg($PendingTasks.GetSample(0));", "avg() of an empty vector has no value"],
  ])("%s fails: %s", (formula, problem) => {
    const result = run(v + formula, history);
    expect(result.error?.code).toBe("AutoScalingFormulaEvaluationError");
    expect(result.error?.values?.[0]?.value).toContain(problem);
  });

  it("stop() ends the run with what was assigned so far", () => {
    const result = run("$TargetDedicatedNodes = 5; stop(); $TargetDedicatedNodes = 9;");
    expect(result.error).toBeUndefined();
    expect(result.targetDedicatedNodes).toBe(5);
  });
});

describe("sample methods", () => {
  const pending = { PendingTasks: every30s([5, 6, 7, 8]) };

  it("GetSample(n) returns the n newest samples, oldest first, or all there are", () => {
    expect(value("$r = $PendingTasks.GetSample(2);", "$r", pending)).toBe("[7,8]");
    expect(value("$r = $PendingTasks.GetSample(10);", "$r", pending)).toBe("[5,6,7,8]");
    expect(value("$r = $PendingTasks.GetSample(1);", "$r", {})).toBe("[]");
  });

  it("GetSample over a window with no samples at all fails with InsufficientSampleData", () => {
    const result = run(
      "$r = 1;\n  $TargetDedicatedNodes = avg($RunningTasks.GetSample(TimeInterval_Minute * 5));",
    );
    expect(result.error).toEqual({
      code: "InsufficientSampleData",
      message: "Autoscale evaluation failed due to insufficient sample data",
      values: [
        {
          name: "Message",
          value:
            "Line 2, Col 45: Insufficient data from data set: $RunningTasks wanted some samples, received 0%",
        },
      ],
    });
    expect(result.targetDedicatedNodes).toBeUndefined();
    expect(result.results).toBe(
      "$TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;$r=1",
    );
  });

  it("GetSample with timestamps as the window", () => {
    const formula =
      "$r = $PendingTasks.GetSample(time() - time() + time() + -TimeInterval_Minute, time());";
    expect(value(formula, "$r", pending)).toBe("[7,8]");
  });

  it("GetSamplePercent, GetSamplePeriod, Count and HistoryBeginTime", () => {
    const formula = `p = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 4);
q = $PendingTasks.GetSamplePercent(TimeInterval_Second * 30, TimeInterval_Minute * 2);
period = $PendingTasks.GetSamplePeriod();
n = $PendingTasks.Count();
begin = $PendingTasks.HistoryBeginTime();`;
    expect(run(formula, pending).results).toContain(
      "$begin=2024-05-06T09:58:30.000Z;$n=4;$p=50;$period=00:00:30;$q=100",
    );
  });

  it("HistoryBeginTime with no history fails with InsufficientSampleData", () => {
    expect(run("$r = $CPUPercent.HistoryBeginTime();").error?.code).toBe("InsufficientSampleData");
  });

  it("Sluice's slot-aware variables and $TaskSlotsPerNode", () => {
    const history = { PendingTaskSlots: every30s([8]) };
    expect(
      value("$r = max($PendingTaskSlots.GetSample(1)) / $TaskSlotsPerNode;", "$r", history),
    ).toBe("2");
  });
});

describe("variables", () => {
  it("$x and x are one user variable", () => {
    expect(run("x = 1; $x = $x + 1; y = x * 10;").results).toContain("$x=2;$y=20");
  });

  it("read-write variables start from the pool's values", () => {
    expect(value("$r = $TargetDedicatedNodes + $CurrentDedicatedNodes;")).toBe("4");
    expect(value("$r = $NodeDeallocationOption;")).toBe("requeue");
  });

  it("the full name wins over its alias when both are set", () => {
    expect(run("$TargetDedicated = 7;").targetDedicatedNodes).toBe(7);
    expect(run("$TargetDedicatedNodes = 3; $TargetDedicated = 7;").targetDedicatedNodes).toBe(3);
    expect(run("$TargetLowPriority = 4;").targetLowPriorityNodes).toBe(4);
  });

  it("targets are applied rounded down", () => {
    const result = run("$TargetDedicatedNodes = 2.7; $TargetLowPriorityNodes = 0.1 * 30;");
    expect(result.results).toContain("$TargetDedicatedNodes=2.7;$TargetLowPriorityNodes=3;");
    expect([result.targetDedicatedNodes, result.targetLowPriorityNodes]).toEqual([2, 3]);
  });

  it("a negative or infinite target fails the run at its assignment", () => {
    const negative = run("$a = 1;\n$TargetDedicatedNodes = -1;");
    expect(negative.error?.values?.[0]?.value).toBe(
      "Line 2, Col 1: $TargetDedicatedNodes must be a finite number of nodes, 0 or more; the formula gave -1",
    );
    expect(run("$TargetDedicatedNodes = 1 / 0;").error?.code).toBe(
      "AutoScalingFormulaEvaluationError",
    );
  });

  it("an unknown variable, unchecked, fails the run (as evaluateautoscale reports it)", () => {
    const result = run("$something_useless", {}, { check: false });
    expect(result.error?.code).toBe("AutoScalingFormulaEvaluationError");
    expect(result.results).toBe(
      "$TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue",
    );
  });

  it("a bad $NodeDeallocationOption, unchecked, fails the run", () => {
    const result = run('o = "later"; $NodeDeallocationOption = o;');
    expect(result.error?.values?.[0]?.value).toContain(
      "must be one of requeue, terminate, taskcompletion, retaineddata",
    );
  });
});
