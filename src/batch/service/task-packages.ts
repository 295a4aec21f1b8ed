// The application packages a claimed task needs: its pool's references and its own, each
// resolved to a version (the default one when none is named) with the variables Batch sets.
// Resolved per claim only when there are references; the pool's are cached a few seconds so a
// busy pool is not read at every claim.
import type { AssignedPackage, ApplicationPackageReference } from "../../api/index.js";
import type { TaskRecord } from "../../store/index.js";
import { packageEnvironmentName } from "../applications/package-names.js";
import { isBatchError } from "../batch-error.js";
import { taskSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";

const poolRefsTtlMs = 5_000;

/** The packages of `task` on pool `poolId`; empty (and no reads) when nothing is referenced. */
export async function packagesFor(
  ctx: ServiceContext,
  poolId: string,
  task: TaskRecord,
): Promise<AssignedPackage[]> {
  const own = taskSpecOf(task).applicationPackageReferences ?? [];
  const refs = [...(await poolRefs(ctx, poolId)), ...own];
  const assigned: AssignedPackage[] = [];
  for (const ref of refs) assigned.push(await resolveOne(ctx, ref));
  return assigned;
}

async function resolveOne(
  ctx: ServiceContext,
  ref: ApplicationPackageReference,
): Promise<AssignedPackage> {
  try {
    const [found] = await ctx.applications.resolve([ref]);
    const { applicationId, version } = found!;
    const variables = [packageEnvironmentName(applicationId, version)];
    // A reference to the default version also gets the variable without a version.
    if (found!.isDefault) variables.push(packageEnvironmentName(applicationId));
    return { applicationId, version, variables };
  } catch (error) {
    if (!isBatchError(error)) throw error;
    return { applicationId: ref.applicationId, variables: [], problem: error.message };
  }
}

async function poolRefs(
  ctx: ServiceContext,
  poolId: string,
): Promise<readonly ApplicationPackageReference[]> {
  const key = poolId.toLowerCase();
  const now = ctx.clock.now();
  const cached = ctx.poolPackages.get(key);
  if (cached !== undefined && now - cached.at < poolRefsTtlMs) {
    return cached.refs as readonly ApplicationPackageReference[];
  }
  const pool = await ctx.pools.get(poolId).catch(() => undefined);
  const spec = pool?.spec as { applicationPackageReferences?: ApplicationPackageReference[] };
  const refs = spec?.applicationPackageReferences ?? [];
  ctx.poolPackages.set(key, { at: now, refs });
  return refs;
}
