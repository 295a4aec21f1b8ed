import { SluiceError } from "../core/index.js";

/** `value` if it is an integer from `minimum` up, else an `InvalidArgument` naming `field`. */
export function integerAtLeast(field: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} is ${String(value)}; it must be an integer of at least ${minimum}.`,
      { details: { field, value, minimum } },
    );
  }
  return value;
}
