import type { FunctionDefinition } from "./function-definition.js";

/** ADF's date functions. */
export const dateFunctions: readonly FunctionDefinition[] = [];
