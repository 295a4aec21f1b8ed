// The formulas of Batch's autoscale documentation, evaluated to the results the page states
// or implies. Source: MicrosoftDocs/azure-docs, articles/batch/batch-automatic-scaling.md
// ("Sample autoscale formulas", "Write an autoscale formula", "Obtain sample data",
// "Evaluate an autoscale formula", "Example autoscale formulas"); and the REST reference
// "Evaluate an automatic scaling formula" (its request body and `results`).
import { describe, expect, it } from "vitest";
import { ManualClock, seededRandom } from "../../core/index.js";
import {
  compileFormula,
  evaluateFormula,
  type PoolFacts,
  type Sample,
  type SampledVariable,
} from "./index.js";

const second = 1000;
const minute = 60 * second;
const now = Date.parse("2024-05-06T10:00:00Z"); // a Monday

/** `values` as samples every 30 s, the newest `newestAgo` ms before now. */
function series(values: readonly number[], newestAgo = 0): Sample[] {
  return values.map((value, i) => ({
    time: now - newestAgo - (values.length - 1 - i) * 30 * second,
    value,
  }));
}

const pool: PoolFacts = {
  targetDedicatedNodes: 0,
  targetLowPriorityNodes: 0,
  currentDedicatedNodes: 0,
  currentLowPriorityNodes: 0,
  taskSlotsPerNode: 1,
};

function run(
  formula: string,
  history: Partial<Record<SampledVariable, Sample[]>> = {},
  facts: Partial<PoolFacts> = {},
  at = now,
) {
  return evaluateFormula(compileFormula(formula), {
    clock: new ManualClock(at),
    random: seededRandom(1),
    samples: { samples: (name) => history[name] ?? [] },
    samplePeriodMs: 30 * second,
    pool: { ...pool, ...facts },
  });
}

describe("Sample autoscale formulas", () => {
  const pending = `startingNumberOfVMs = 1;
maxNumberofVMs = 25;
pendingTaskSamplePercent = $PendingTasks.GetSamplePercent(180 * TimeInterval_Second);
pendingTaskSamples = pendingTaskSamplePercent < 70 ? startingNumberOfVMs : avg($PendingTasks.GetSample(180 * TimeInterval_Second));
$TargetDedicatedNodes=min(maxNumberofVMs, pendingTaskSamples);
$NodeDeallocationOption = taskcompletion;`;

  it("Pending tasks: the average of the last 180 s of $PendingTasks", () => {
    const result = run(pending, { PendingTasks: series([4, 4, 6, 6, 8, 8]) });
    expect(result.error).toBeUndefined();
    expect(result.targetDedicatedNodes).toBe(6);
    expect(result.results).toBe(
      "$TargetDedicatedNodes=6;$TargetLowPriorityNodes=0;$NodeDeallocationOption=taskcompletion;" +
        "$maxNumberofVMs=25;$pendingTaskSamplePercent=100;$pendingTaskSamples=6;$startingNumberOfVMs=1",
    );
  });

  it("Pending tasks: a single VM while fewer than 70% of the samples exist", () => {
    const result = run(pending, { PendingTasks: series([40, 40]) });
    expect(result.targetDedicatedNodes).toBe(1);
    expect(result.nodeDeallocationOption).toBe("taskcompletion");
  });

  it("Pending tasks: never more than 25 VMs", () => {
    const result = run(pending, { PendingTasks: series([100, 100, 100, 100, 100, 100]) });
    expect(result.targetDedicatedNodes).toBe(25);
  });

  it("Preempted nodes: 25 low-priority nodes while none is preempted", () => {
    const formula = `maxNumberofVMs = 25;
$TargetDedicatedNodes = min(maxNumberofVMs, $PreemptedNodeCount.GetSample(180 * TimeInterval_Second));
$TargetLowPriorityNodes = min(maxNumberofVMs , maxNumberofVMs - $TargetDedicatedNodes);
$NodeDeallocationOption = taskcompletion;`;
    const result = run(formula, { PreemptedNodeCount: series([0, 0, 0, 0, 0, 0]) });
    expect(result.results).toBe(
      "$TargetDedicatedNodes=0;$TargetLowPriorityNodes=25;$NodeDeallocationOption=taskcompletion;$maxNumberofVMs=25",
    );
    const preempted = run(formula, { PreemptedNodeCount: series([3, 3, 3, 3, 3, 3]) });
    expect([preempted.targetDedicatedNodes, preempted.targetLowPriorityNodes]).toEqual([3, 22]);
  });
});

describe("Write an autoscale formula (CPU)", () => {
  const formula = `$totalDedicatedNodes =
    (min($CPUPercent.GetSample(TimeInterval_Minute * 10)) > 0.7) ?
    ($CurrentDedicatedNodes * 1.1) : $CurrentDedicatedNodes;
$totalDedicatedNodes =
    (avg($CPUPercent.GetSample(TimeInterval_Minute * 60)) < 0.2) ?
    ($CurrentDedicatedNodes * 0.9) : $totalDedicatedNodes;
$TargetDedicatedNodes = min(400, $totalDedicatedNodes)`;

  it("grows by 10% when CPU stayed high", () => {
    const busy = series(Array.from({ length: 120 }, () => 0.9));
    const result = run(formula, { CPUPercent: busy }, { currentDedicatedNodes: 10 });
    expect(result.results).toBe(
      "$TargetDedicatedNodes=11;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;$totalDedicatedNodes=11",
    );
  });

  it("shrinks by 10% when CPU stayed low, and keeps the count in between", () => {
    const idle = series(Array.from({ length: 120 }, () => 0.1));
    expect(
      run(formula, { CPUPercent: idle }, { currentDedicatedNodes: 10 }).targetDedicatedNodes,
    ).toBe(9);
    const middling = series(Array.from({ length: 120 }, () => 0.5));
    expect(
      run(formula, { CPUPercent: middling }, { currentDedicatedNodes: 10 }).targetDedicatedNodes,
    ).toBe(10);
  });

  it("is capped at 400 nodes", () => {
    const busy = series(Array.from({ length: 120 }, () => 0.9));
    expect(
      run(formula, { CPUPercent: busy }, { currentDedicatedNodes: 390 }).targetDedicatedNodes,
    ).toBe(400);
  });
});

describe("Obtain sample data", () => {
  // 18 of the last 10 minutes' 20 samples: the last minute is missing.
  const cpu = series(
    Array.from({ length: 18 }, (_, i) => i),
    minute,
  );

  it("GetSample(10 min) returns the samples there are", () => {
    const result = run("$v = $CPUPercent.GetSample(TimeInterval_Minute * 10);", {
      CPUPercent: cpu,
    });
    expect(result.results).toContain("$v=[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]");
  });

  it("GetSample(10 min, 95) fails with only 90% of the samples; 80 succeeds", () => {
    const failed = run("$v = $CPUPercent.GetSample(TimeInterval_Minute * 10, 95);", {
      CPUPercent: cpu,
    });
    expect(failed.error).toEqual({
      code: "InsufficientSampleData",
      message: "Autoscale evaluation failed due to insufficient sample data",
      values: [
        {
          name: "Message",
          value:
            "Line 1, Col 18: Insufficient data from data set: $CPUPercent wanted 95%, received 90%",
        },
      ],
    });
    expect(failed.targetDedicatedNodes).toBeUndefined();
    const passed = run("$v = $CPUPercent.GetSample(TimeInterval_Minute * 10, 80);", {
      CPUPercent: cpu,
    });
    expect(passed.error).toBeUndefined();
  });

  it("GetSample(1 min, 6 min) gives the ten samples of that range", () => {
    const running = series(Array.from({ length: 30 }, () => 1));
    const result = run(
      "$runningTasksSample = $RunningTasks.GetSample(1 * TimeInterval_Minute, 6 * TimeInterval_Minute);",
      { RunningTasks: running },
    );
    expect(result.results).toContain("$runningTasksSample=[1,1,1,1,1,1,1,1,1,1]");
  });

  it("GetSample(60 s, 120 s, 75) needs 75% of the range's samples", () => {
    const formula =
      "$runningTasksSample = $RunningTasks.GetSample(60 * TimeInterval_Second, 120 * TimeInterval_Second, 75);";
    expect(run(formula, { RunningTasks: series([2, 3, 4], 30 * second) }).results).toContain(
      "$runningTasksSample=[2,3]",
    );
    expect(run(formula, { RunningTasks: series([2], 90 * second) }).error?.code).toBe(
      "InsufficientSampleData",
    );
  });

  it("$CPUPercent.GetSample(TimeInterval_Minute * 5) reads the last five minutes", () => {
    const result = run("x = $CPUPercent.GetSample(TimeInterval_Minute * 5);", {
      CPUPercent: series(Array.from({ length: 12 }, (_, i) => i)),
    });
    expect(result.results).toContain("$x=[2,3,4,5,6,7,8,9,10,11]");
  });
});

describe("Evaluate an autoscale formula", () => {
  it("gives the documented results on 2016-10-13T19:18:47.805Z (a Thursday evening)", () => {
    const formula = `
        $curTime = time();
        $workHours = $curTime.hour >= 8 && $curTime.hour < 18;
        $isWeekday = $curTime.weekday >= 1 && $curTime.weekday <= 5;
        $isWorkingWeekdayHour = $workHours && $isWeekday;
        $TargetDedicatedNodes = $isWorkingWeekdayHour ? 20:10;
    `;
    const result = run(formula, {}, {}, Date.parse("2016-10-13T19:18:47.805Z"));
    // The page's results, with $TargetLowPriorityNodes, which newer API versions list too.
    expect(result.results).toBe(
      "$TargetDedicatedNodes=10;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;" +
        "$curTime=2016-10-13T19:18:47.805Z;$isWeekday=1;$isWorkingWeekdayHour=0;$workHours=0",
    );
  });

  it("the REST reference's request body gives its results with no CPU samples", () => {
    const formula =
      "totalNodes=($CPUPercent.GetSamplePercent(TimeInterval_Minute*0,TimeInterval_Minute*10)<0.7?5:(min($CPUPercent.GetSample(TimeInterval_Minute*0, TimeInterval_Minute*10))>0.8?($CurrentDedicated*1.1):$CurrentDedicated));$targetDedicatedNodes=min(100,totalNodes);";
    const result = run(formula);
    expect(result.results).toBe(
      "$TargetDedicatedNodes=5;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;$totalNodes=5",
    );
  });
});

describe("Example autoscale formulas", () => {
  it("Example 1, time-based: 20 nodes in working hours on weekdays, 10 otherwise", () => {
    const formula = `$curTime = time();
$workHours = $curTime.hour >= 8 && $curTime.hour < 18;
$isWeekday = $curTime.weekday >= 1 && $curTime.weekday <= 5;
$isWorkingWeekdayHour = $workHours && $isWeekday;
$TargetDedicatedNodes = $isWorkingWeekdayHour ? 20:10;
$NodeDeallocationOption = taskcompletion;`;
    expect(run(formula).targetDedicatedNodes).toBe(20);
    expect(run(formula, {}, {}, Date.parse("2024-05-11T10:00:00Z")).targetDedicatedNodes).toBe(10);
    expect(run(formula, {}, {}, Date.parse("2024-05-06T18:00:00Z")).targetDedicatedNodes).toBe(10);
    const mountain = formula.replace("time();", "time() + (-6 * TimeInterval_Hour);");
    expect(run(mountain, {}, {}, Date.parse("2024-05-06T15:00:00Z")).targetDedicatedNodes).toBe(20);
  });

  const taskBased = `// Get pending tasks for the past 15 minutes.
$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);
// If we have fewer than 70 percent data points, we use the last sample point,
// otherwise we use the maximum of last sample point and the history average.
$tasks = $samples < 70 ? max(0,$PendingTasks.GetSample(1)) : max( $PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 15)));
// If number of pending tasks is not 0, set targetVM to pending tasks, otherwise
// half of current dedicated.
$targetVMs = $tasks > 0? $tasks:max(0, $TargetDedicatedNodes/2);
// The pool size is capped at 20, if target VM value is more than that, set it
// to 20. This value should be adjusted according to your use case.
$TargetDedicatedNodes = max(0, min($targetVMs, 20));
// Set node deallocation mode - let running tasks finish before removing a node
$NodeDeallocationOption = taskcompletion;`;

  it("Example 2, task-based: the larger of the last sample and the 15-minute average", () => {
    const pending = series([...Array.from({ length: 29 }, () => 8), 12]);
    const result = run(taskBased, { PendingTasks: pending });
    expect(result.targetDedicatedNodes).toBe(12);
    expect(
      run(taskBased, { PendingTasks: series(Array.from({ length: 30 }, () => 40)) })
        .targetDedicatedNodes,
    ).toBe(20);
  });

  it("Example 2, task-based: half the current target when nothing is pending", () => {
    const result = run(taskBased, {}, { targetDedicatedNodes: 6 });
    expect(result.error).toBeUndefined();
    expect(result.targetDedicatedNodes).toBe(3);
  });

  it("Example 3, parallel tasks: grows towards a quarter of the active tasks, at most 3", () => {
    const formula = `// Determine whether 70 percent of the samples have been recorded in the past
// 15 minutes; if not, use last sample
$samples = $ActiveTasks.GetSamplePercent(TimeInterval_Minute * 15);
$tasks = $samples < 70 ? max(0,$ActiveTasks.GetSample(1)) : max( $ActiveTasks.GetSample(1),avg($ActiveTasks.GetSample(TimeInterval_Minute * 15)));
$cores = $TargetDedicatedNodes * 4;
$extraVMs = (($tasks - $cores) + 3) / 4;
$targetVMs = ($TargetDedicatedNodes + $extraVMs);
$TargetDedicatedNodes = max(0,min($targetVMs,3));
$NodeDeallocationOption = taskcompletion;`;
    const active = (n: number) => ({ ActiveTasks: series(Array.from({ length: 30 }, () => n)) });
    expect(run(formula, active(10), { targetDedicatedNodes: 1 }).targetDedicatedNodes).toBe(3);
    expect(run(formula, active(5), { targetDedicatedNodes: 1 }).targetDedicatedNodes).toBe(2);
    expect(run(formula, active(0), { targetDedicatedNodes: 1 }).targetDedicatedNodes).toBe(0);
  });

  it("Example 4, initial pool size: 4 nodes for 10 minutes, then 0 once idle for an hour", () => {
    const created = "Mon, 06 May 2024 10:00:00 GMT";
    const formula = `
    $TargetDedicatedNodes = 4;
    lifespan         = time() - time("${created}");
    span             = TimeInterval_Minute * 60;
    startup          = TimeInterval_Minute * 10;
    ratio            = 50;

    $TargetDedicatedNodes = (lifespan > startup ? (max($RunningTasks.GetSample(span, ratio), $ActiveTasks.GetSample(span, ratio)) == 0 ? 0 : $TargetDedicatedNodes) : 4);
    `;
    expect(run(formula, {}, {}, now + 5 * minute).targetDedicatedNodes).toBe(4);
    const later = now + 70 * minute;
    const idle = Array.from({ length: 120 }, (_, i) => ({
      time: later - i * 30 * second,
      value: 0,
    })).reverse();
    expect(
      run(formula, { RunningTasks: idle, ActiveTasks: idle }, {}, later).targetDedicatedNodes,
    ).toBe(0);
    const busy = idle.map((sample, i) => ({ ...sample, value: i === 100 ? 2 : 0 }));
    expect(
      run(formula, { RunningTasks: busy, ActiveTasks: idle }, {}, later).targetDedicatedNodes,
    ).toBe(4);
  });
});

describe("Evaluate autoscale, as the Azure SDK's recorded tests show it", () => {
  it("a plain target", () => {
    expect(run("$TargetDedicatedNodes=3").results).toBe(
      "$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue",
    );
  });
});
