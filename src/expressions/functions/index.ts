import { collectionFunctions } from "./collection.js";
import { conversionFunctions } from "./conversion.js";
import { dateFunctions } from "./date.js";
import type { FunctionDefinition } from "./function-definition.js";
import { logicalFunctions } from "./logical.js";
import { mathFunctions } from "./math.js";
import { stringFunctions } from "./string.js";

export type { FunctionContext, FunctionDefinition } from "./function-definition.js";

/** Every built-in function, in ADF's documented categories. */
export const allFunctions: readonly FunctionDefinition[] = [
  ...stringFunctions,
  ...collectionFunctions,
  ...logicalFunctions,
  ...conversionFunctions,
  ...mathFunctions,
  ...dateFunctions,
];

const byLowerName = new Map<string, FunctionDefinition>();
for (const fn of allFunctions) byLowerName.set(fn.name.toLowerCase(), fn);

/** The function named `name`, matched case-insensitively as ADF does, or undefined. */
export function lookupFunction(name: string): FunctionDefinition | undefined {
  return byLowerName.get(name.toLowerCase());
}
