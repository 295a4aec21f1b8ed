// Bodies the validation module has a schema for but no validator yet.
import type { NodeRebootParameter } from "../../api/index.js";
import { checkSchema } from "../validation/schema.js";
import { nodeRebootSchema } from "../validation/schemas-pool.js";

/** Validates a node reboot body (`POST /pools/{id}/nodes/{nodeId}/reboot`); absent is `{}`. */
export function validateNodeReboot(body: unknown): NodeRebootParameter {
  return checkSchema(nodeRebootSchema, body ?? {}, "") as NodeRebootParameter;
}
