import { maxBatchCount } from "../engine/for-each-plan.js";
import type { ActivityNode } from "./activity-walk.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/** ADF's documented limit on a Switch's cases (control-flow-switch-activity: "max limit of 25"). */
export const maxSwitchCases = 25;

/**
 * The limits ADF puts on control activities' settings, checked where they are literals:
 * a ForEach `batchCount` from 1 to 50 (ADF refuses others at publish, and the engine would
 * fail the run), and at most 25 Switch cases.
 */
export function checkControlLimits(
  node: ActivityNode,
  type: string,
  label: string,
  report: Reporter,
): void {
  const props = isObject(node.json.typeProperties) ? node.json.typeProperties : undefined;
  if (!props) return;
  const at = childPath(node.path, "typeProperties");
  if (type === "ForEach" && props.batchCount !== undefined && props.batchCount !== null) {
    if (!validBatchCount(props.batchCount)) {
      report.error(
        "InvalidValue",
        childPath(at, "batchCount"),
        `${label} has batchCount ${JSON.stringify(props.batchCount)}; ADF allows a whole number from 1 to ${maxBatchCount}`,
      );
    }
  }
  if (type === "Switch" && Array.isArray(props.cases) && props.cases.length > maxSwitchCases) {
    report.warning(
      "InvalidValue",
      childPath(at, "cases"),
      `${label} has ${props.cases.length} cases: Sluice runs this, but ADF allows at most ${maxSwitchCases}`,
    );
  }
}

// Numeric text is accepted as the engine accepts it (ADF Studio writes numbers).
function validBatchCount(raw: unknown): boolean {
  const value = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  return (
    typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= maxBatchCount
  );
}
