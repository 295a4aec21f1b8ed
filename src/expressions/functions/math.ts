import type { FunctionDefinition } from "./function-definition.js";

/** ADF's math functions. */
export const mathFunctions: readonly FunctionDefinition[] = [];
