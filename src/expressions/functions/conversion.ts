import type { FunctionDefinition } from "./function-definition.js";

/** ADF's conversion functions. */
export const conversionFunctions: readonly FunctionDefinition[] = [];
