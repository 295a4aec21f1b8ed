// The outcome of one formula run, as Batch's `autoScaleRun` reports it: `results` lists
// every variable (`$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;
// $NodeDeallocationOption=requeue;` then the user's, sorted by name), and `error` holds
// the code, message and `Message` value with the line and column.
import type { AutoScaleRun, AutoScaleRunError } from "../../api/index.js";
import { toBatchTime } from "../duration.js";
import type { FormulaState } from "./formula-state.js";
import { describePosition, positionAt } from "./position.js";
import { FormulaFault, formatValue } from "./values.js";

/** One evaluation. Targets are set only when it succeeded. */
export interface AutoScaleEvaluation {
  /** When it ran (ms since the epoch). */
  readonly timestamp: number;
  readonly results: string;
  readonly error?: AutoScaleRunError;
  /** The whole number of nodes to apply (the formula's value rounded down). */
  readonly targetDedicatedNodes?: number;
  readonly targetLowPriorityNodes?: number;
  readonly nodeDeallocationOption: string;
}

const serviceOrder = [
  "$TargetDedicatedNodes",
  "$TargetLowPriorityNodes",
  "$NodeDeallocationOption",
] as const;

/** Builds the evaluation from the run's state and its failure, if any. */
export function finishRun(
  source: string,
  now: number,
  state: FormulaState,
  fault: FormulaFault | undefined,
): AutoScaleEvaluation {
  const parts = serviceOrder.map((name) => `${name}=${formatValue(state.finalValue(name))}`);
  for (const [name, value] of state.userEntries()) parts.push(`${name}=${formatValue(value)}`);
  const results = parts.join(";");
  const option = formatValue(state.finalValue("$NodeDeallocationOption"));
  const failure = fault ?? targetFault(state);
  if (failure !== undefined) {
    return {
      timestamp: now,
      results,
      error: runError(source, failure),
      nodeDeallocationOption: option,
    };
  }
  return {
    timestamp: now,
    results,
    targetDedicatedNodes: wholeNodes(state.finalValue("$TargetDedicatedNodes").value as number),
    targetLowPriorityNodes: wholeNodes(state.finalValue("$TargetLowPriorityNodes").value as number),
    nodeDeallocationOption: option,
  };
}

// Float arithmetic may land a hair below a whole number (2.9999999999999996).
const wholeNodes = (value: number): number => Math.floor(value + 1e-9);

/** A target that is not a number of nodes (negative, infinite, NaN) fails the run. */
function targetFault(state: FormulaState): FormulaFault | undefined {
  for (const name of ["$TargetDedicatedNodes", "$TargetLowPriorityNodes"] as const) {
    const assigned = state.target(name);
    const value = assigned?.value.value;
    if (assigned === undefined || typeof value !== "number") continue;
    if (Number.isFinite(value) && value >= 0) continue;
    const fault = new FormulaFault(
      `${name} must be a finite number of nodes, 0 or more; the formula gave ${formatValue(assigned.value)}`,
    );
    fault.offset = assigned.offset;
    return fault;
  }
  return undefined;
}

function runError(source: string, fault: FormulaFault): AutoScaleRunError {
  const where = describePosition(positionAt(source, fault.offset ?? 0));
  const message =
    fault.batchCode === "InsufficientSampleData"
      ? "Autoscale evaluation failed due to insufficient sample data"
      : "Autoscale evaluation failed: the formula could not be evaluated";
  return {
    code: fault.batchCode,
    message,
    values: [{ name: "Message", value: `${where}: ${fault.message}` }],
  };
}

/** The evaluation as the pool's `autoScaleRun` (and `evaluateautoscale`'s answer). */
export function toAutoScaleRun(evaluation: AutoScaleEvaluation): AutoScaleRun {
  return {
    timestamp: toBatchTime(evaluation.timestamp),
    results: evaluation.results,
    ...(evaluation.error === undefined ? {} : { error: evaluation.error }),
  };
}
