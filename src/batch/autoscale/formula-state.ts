// The variables of one formula run: the read-write service-defined ones (starting from the
// pool's current values), the read-only ones, and the user's.
import { FormulaFault, deallocationOptions, double, text, type Value } from "./values.js";
import { serviceVariable, userVariableKey, type ServiceVariable } from "./variables.js";
import type { PoolFacts } from "./pool-facts.js";

interface Assigned {
  readonly value: Value;
  readonly offset: number;
}

export class FormulaState {
  private readonly users = new Map<string, Value>();
  /** Assigned read-write service variables, by name as the table spells it. */
  private readonly written = new Map<string, Assigned>();

  constructor(private readonly pool: PoolFacts) {}

  hasUser(key: string): boolean {
    return this.users.has(key);
  }

  user(key: string): Value {
    const value = this.users.get(key);
    if (value === undefined) throw new FormulaFault(`the variable '${key}' has no value`);
    return value;
  }

  /** User variables by name, sorted as Batch lists them in results. */
  userEntries(): [string, Value][] {
    return [...this.users.entries()].sort(([a], [b]) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
  }

  /** A read-write or read-only (non-sampled) service variable's value now. */
  service(variable: ServiceVariable): Value {
    const own = this.written.get(variable.name)?.value;
    if (own !== undefined) return own;
    if (variable.aliasOf !== undefined) {
      const target = serviceVariable(variable.aliasOf);
      if (target !== undefined) return this.service(target);
    }
    return this.initial(variable.name);
  }

  private initial(name: string): Value {
    const pool = this.pool;
    const numbers: Record<string, number> = {
      $TargetDedicatedNodes: pool.targetDedicatedNodes,
      $TargetLowPriorityNodes: pool.targetLowPriorityNodes,
      $CurrentDedicatedNodes: pool.currentDedicatedNodes,
      $CurrentLowPriorityNodes: pool.currentLowPriorityNodes,
      $TaskSlotsPerNode: pool.taskSlotsPerNode,
    };
    const number = numbers[name];
    if (number !== undefined) return double(number);
    return text(pool.nodeDeallocationOption ?? "requeue");
  }

  /** `name = value`: refuses read-only variables and values of the wrong type. */
  assign(name: string, value: Value, offset: number): void {
    const variable = serviceVariable(name);
    if (variable === undefined) {
      this.users.set(userVariableKey(name), value);
      return;
    }
    const fault = (problem: string): never => {
      const error = new FormulaFault(problem);
      error.offset = offset;
      throw error;
    };
    if (variable.kind === "double" || variable.kind === "samples") {
      fault(`'${variable.name}' is read-only`);
    }
    if (variable.kind === "target" && value.type !== "double") {
      fault(`'${variable.name}' must be a double, not ${value.type}`);
    }
    if (
      variable.kind === "option" &&
      (value.type !== "string" || !deallocationOptions.includes(value.value))
    ) {
      fault(`'$NodeDeallocationOption' must be one of ${deallocationOptions.join(", ")}`);
    }
    this.written.set(variable.name, { value, offset });
  }

  /**
   * The final target for `$TargetDedicatedNodes` or `$TargetLowPriorityNodes`: the full
   * name wins over its alias when both are set (as Batch documents).
   */
  target(name: "$TargetDedicatedNodes" | "$TargetLowPriorityNodes"): Assigned | undefined {
    const alias = name === "$TargetDedicatedNodes" ? "$TargetDedicated" : "$TargetLowPriority";
    return this.written.get(name) ?? this.written.get(alias);
  }

  finalValue(
    name: "$TargetDedicatedNodes" | "$TargetLowPriorityNodes" | "$NodeDeallocationOption",
  ): Value {
    if (name === "$NodeDeallocationOption")
      return this.written.get(name)?.value ?? this.initial(name);
    return this.target(name)?.value ?? this.initial(name);
  }
}
