// The scheduler's trigger checks as factory validation problems, so that `sluice validate`,
// `sluice deploy` and `PUT triggers/{t}` refuse what the scheduler could not fire (an unknown
// frequency, hours out of range, an end before the start, an unknown time zone, a dependency
// on a trigger that does not exist). factory/ may not import scheduler/; the composition root
// hands these checks to the factory service, and the CLI calls them beside validateFactory.
import type { FactoryDefinition, FactoryProblem } from "../factory/index.js";
import { checkTriggerSet } from "../scheduler/index.js";

/** Every problem of the definition's triggers, each under its trigger's file. */
export function triggerChecks(definition: FactoryDefinition): FactoryProblem[] {
  const files = new Map<string, string>();
  definition.triggers.forEach((json, i) => {
    const name = (json as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const file = definition.sources?.triggers[i]?.file ?? `trigger/${name}.json`;
    if (!files.has(name)) files.set(name, file);
  });
  return checkTriggerSet(definition.triggers).map((problem) => ({
    severity: "error",
    file: files.get(problem.trigger) ?? `trigger/${problem.trigger}.json`,
    jsonPath: problem.jsonPath,
    message: problem.message,
    code: problem.code,
  }));
}
