import type { FunctionDefinition } from "./function-definition.js";

/** ADF's logical functions. */
export const logicalFunctions: readonly FunctionDefinition[] = [];
