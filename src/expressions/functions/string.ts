import type { FunctionDefinition } from "./function-definition.js";

/** ADF's string functions. */
export const stringFunctions: readonly FunctionDefinition[] = [];
