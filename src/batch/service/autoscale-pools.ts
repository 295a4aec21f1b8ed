// Walking every pool, page by page.
import type { PoolRecord } from "../../store/index.js";
import type { ServiceContext } from "./service-deps.js";

/** Calls `visit` for each pool, one at a time. */
export async function forEachPool(
  ctx: ServiceContext,
  visit: (pool: PoolRecord) => Promise<void>,
): Promise<void> {
  let token: string | undefined;
  do {
    const page = await ctx.pools.list(token === undefined ? {} : { continuationToken: token });
    for (const pool of page.items) await visit(pool);
    token = page.continuationToken;
  } while (token !== undefined);
}
