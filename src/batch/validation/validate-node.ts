// Validation of compute node operation bodies.
import type { NodeDisableSchedulingParameter } from "../../api/index.js";
import { checkSchema, type SchemaOptions } from "./schema.js";
import { nodeDisableSchedulingSchema } from "./schemas-pool.js";

/**
 * Validates a disable-scheduling body (`POST /pools/{id}/nodes/{nodeId}/disablescheduling`);
 * an absent body is `{}` (option `requeue`, Batch's default).
 */
export function validateNodeDisableScheduling(
  body: unknown,
  options: SchemaOptions = {},
): NodeDisableSchedulingParameter {
  return checkSchema(
    nodeDisableSchedulingSchema,
    body ?? {},
    "",
    options,
  ) as NodeDisableSchedulingParameter;
}
