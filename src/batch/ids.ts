/** Batch's id rule: 1 to 64 ASCII letters, digits, hyphens and underscores. */
export const batchIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The longest id Batch accepts. */
export const maxIdLength = 64;

/** True when `id` is an id Batch accepts for a pool, job or task. */
export function isValidBatchId(id: string): boolean {
  return batchIdPattern.test(id);
}

/**
 * The key two ids share when Batch treats them as the same (ids are unique regardless of
 * case): the store indexes on this; responses keep the id as the user wrote it.
 */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}
