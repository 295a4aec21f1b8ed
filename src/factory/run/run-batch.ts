import type { RandomSource } from "../../core/index.js";
import type {
  FactoryStore,
  NewPipelineRun,
  PipelineRunStore,
  ResourceRecord,
} from "../../store/index.js";
import { prepareRun, type RunRequest } from "./run-creation.js";

/** A run ready to store (its id chosen), or why createRun would have refused it. */
export type PreparedRun =
  { readonly run: NewPipelineRun & { readonly runId: string } } | { readonly error: unknown };

/**
 * Checks and builds many runs as createRun would, without storing them: a caller stores
 * them in its own transaction (the scheduler, with the fires that start them). Each pipeline
 * is read once per batch, not once per run.
 */
export async function prepareRunBatch(
  requests: readonly RunRequest[],
  stores: { readonly factories: FactoryStore; readonly runs: PipelineRunStore },
  random: RandomSource,
): Promise<PreparedRun[]> {
  const read = new Map<string, Promise<ResourceRecord>>();
  const factories: Pick<FactoryStore, "getResource"> = {
    getResource: (factory, kind, name, options) => {
      const key = JSON.stringify([factory.toLowerCase(), kind, name.toLowerCase(), options]);
      let resource = read.get(key);
      if (resource === undefined) {
        resource = stores.factories.getResource(factory, kind, name, options);
        read.set(key, resource);
      }
      return resource;
    },
  };
  const prepared: PreparedRun[] = [];
  for (const request of requests) {
    try {
      prepared.push({ run: await prepareRun(request, { factories, runs: stores.runs }, random) });
    } catch (error) {
      prepared.push({ error });
    }
  }
  return prepared;
}
