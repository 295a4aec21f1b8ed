// Which values of a run are secret: its pipeline's SecureString parameters, read from the
// pipeline version the run executes, and (for an ExecutePipeline child) its parents' secrets,
// which the parent may have passed down into parameters the child declares as plain strings.
import type { JsonObject } from "../../core/index.js";
import type { FactoryStore, PipelineRunRecord, PipelineRunStore } from "../../store/index.js";
import { parameterTypeOf } from "../engine/index.js";
import { orUndefined } from "./or-undefined.js";
import { parameterSecrets, type RunSecrets } from "./run-views.js";

/** Parent links followed at most: ExecutePipeline nesting deeper than this is not masked further. */
const maxParentDepth = 16;

/**
 * Finds the secrets of runs for one API request. Lookups are cached for the request's life
 * (a query page of runs of one pipeline reads its definition once); make one per request,
 * since a pipeline's current version may change between requests.
 */
export class RunSecretLookup {
  private readonly secureNamesByPipeline = new Map<string, Promise<readonly string[]>>();
  private readonly secretsByRun = new Map<string, Promise<RunSecrets>>();

  constructor(
    private readonly factories: FactoryStore,
    private readonly runs: PipelineRunStore,
  ) {}

  /** The secure parameter names and secret texts of `run` and its ExecutePipeline parents. */
  forRun(run: PipelineRunRecord): Promise<RunSecrets> {
    return this.secretsOf(run, 0);
  }

  private secretsOf(run: PipelineRunRecord, depth: number): Promise<RunSecrets> {
    const key = run.runId.toLowerCase();
    let found = this.secretsByRun.get(key);
    if (found === undefined) {
      found = this.computeSecrets(run, depth);
      this.secretsByRun.set(key, found);
    }
    return found;
  }

  private async computeSecrets(run: PipelineRunRecord, depth: number): Promise<RunSecrets> {
    const secureNames = await this.secureNames(run);
    const own = parameterSecrets(run.parameters, secureNames);
    const parent = depth < maxParentDepth ? await this.parentOf(run) : undefined;
    const inherited = parent === undefined ? [] : (await this.secretsOf(parent, depth + 1)).secrets;
    return { secureNames, secrets: [...own, ...inherited] };
  }

  private async parentOf(run: PipelineRunRecord): Promise<PipelineRunRecord | undefined> {
    if (run.parentRunId === null) return undefined;
    return orUndefined(this.runs.get(run.parentRunId));
  }

  private secureNames(run: PipelineRunRecord): Promise<readonly string[]> {
    const key = JSON.stringify([
      run.factory.toLowerCase(),
      run.pipelineName.toLowerCase(),
      run.pipelineVersion,
    ]);
    let found = this.secureNamesByPipeline.get(key);
    if (found === undefined) {
      found = this.readSecureNames(run);
      this.secureNamesByPipeline.set(key, found);
    }
    return found;
  }

  /**
   * From the version the run executes; a run stored without a version uses the current one,
   * or the newest of a deleted pipeline. A pipeline with no stored version has no known
   * SecureString parameters.
   */
  private async readSecureNames(run: PipelineRunRecord): Promise<readonly string[]> {
    const { factory, pipelineName, pipelineVersion } = run;
    const version = pipelineVersion === null ? {} : { version: pipelineVersion };
    let json = (
      await orUndefined(this.factories.getResource(factory, "pipeline", pipelineName, version))
    )?.json;
    if (json === undefined && pipelineVersion === null) {
      const newest = await orUndefined(
        this.factories.listVersions(factory, "pipeline", pipelineName, { maxResults: 1 }),
      );
      json = newest?.items[0]?.json;
    }
    return json === undefined ? [] : secureParameterNames(json);
  }
}

/** The names of a pipeline JSON's SecureString parameters (`properties.parameters`). */
export function secureParameterNames(pipeline: JsonObject): string[] {
  const properties = pipeline.properties;
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return [];
  const parameters = properties.parameters;
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) return [];
  return Object.entries(parameters)
    .filter(([, spec]) => {
      const type =
        typeof spec === "object" && spec !== null && !Array.isArray(spec) ? spec.type : undefined;
      return parameterTypeOf(type) === "SecureString";
    })
    .map(([name]) => name);
}
