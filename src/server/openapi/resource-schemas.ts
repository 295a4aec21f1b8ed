import { batchSchemas } from "./batch-schemas.js";
import { factorySchemas } from "./factory-schemas.js";
import type { Schema } from "./schema-helpers.js";

/** `components.schemas` of the reference. */
export const resourceSchemas: Readonly<Record<string, Schema>> = {
  ...batchSchemas,
  ...factorySchemas,
};
