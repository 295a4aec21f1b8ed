import { isSluiceError } from "../../core/index.js";

/** The value, or undefined when the store has no such record (`StoreNotFound`). */
export async function orUndefined<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (isSluiceError(error) && error.code === "StoreNotFound") return undefined;
    throw error;
  }
}
