// What the factory commands (`sluice run`, `sluice runs ...`) share: `--factory` and the
// factory API's client over the command's connection.
import { FactoryClient } from "../../client/index.js";
import type { CommandContext } from "./run-command.js";

/** The factory every factory command works on unless `--factory` names another. */
export const defaultFactory = "default";

/** `--factory NAME`, taken by every factory command. */
export const factoryOption = { factory: { type: "string" } } as const;

/** The `--factory` flag, or `default`. */
export function factoryOf(ctx: CommandContext): string {
  return ctx.string("factory") ?? defaultFactory;
}

/** The factory API client on the command's connection (resolved on first use). */
export async function factoryClient(ctx: CommandContext): Promise<FactoryClient> {
  const connection = await ctx.connection();
  return new FactoryClient({ ...connection, ...(ctx.io.fetch ? { fetch: ctx.io.fetch } : {}) });
}
