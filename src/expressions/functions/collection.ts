import type { FunctionDefinition } from "./function-definition.js";

/** ADF's collection functions. */
export const collectionFunctions: readonly FunctionDefinition[] = [];
