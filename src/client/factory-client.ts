import type {
  ActivityRun,
  CreateRunOptions,
  DeployReport,
  FactoryResource,
  PipelineRun,
  RunFilterParameters,
  RunQueryResponse,
} from "./factory-model.js";
import { SluiceClient, type ClientOptions } from "./sluice-client.js";

const seg = encodeURIComponent;

/** Pages followed at most by the `*All` calls unless a limit says otherwise. */
const unlimited = Number.MAX_SAFE_INTEGER;

/**
 * The typed client of Sluice's factory API (ADF's paths and shapes, without ARM's
 * subscription prefix): pipelines, deploys, runs and activity runs. Errors are `ApiError`s
 * carrying ADF's error code (`BadRequest`, `ResourceNotFound`, ...) as `batchCode`.
 */
export class FactoryClient {
  /** The underlying JSON client. */
  readonly http: SluiceClient;

  constructor(options: ClientOptions) {
    this.http = new SluiceClient(options);
  }

  // ---- resources ----
  getPipeline(factory: string, pipeline: string): Promise<FactoryResource> {
    return this.http.request("GET", `${base(factory)}/pipelines/${seg(pipeline)}`);
  }

  /** Stores a whole loaded factory definition in one transaction (`sluice deploy`). */
  deploy(
    factory: string,
    definition: unknown,
    options: { readonly deleteMissing?: boolean } = {},
  ): Promise<DeployReport> {
    const query = options.deleteMissing === true ? "?deleteMissing=true" : "";
    return this.http.request("POST", `${base(factory)}/sluice/deploy${query}`, definition);
  }

  // ---- runs ----
  /** Starts a run with `parameters` (default none: the declared defaults, or a rerun's). */
  createRun(
    factory: string,
    pipeline: string,
    parameters: Readonly<Record<string, unknown>> = {},
    options: CreateRunOptions = {},
  ): Promise<{ readonly runId: string }> {
    const path = `${base(factory)}/pipelines/${seg(pipeline)}/createRun${createRunQuery(options)}`;
    return this.http.request("POST", path, parameters);
  }

  getRun(factory: string, runId: string): Promise<PipelineRun> {
    return this.http.request("GET", `${base(factory)}/pipelineruns/${seg(runId)}`);
  }

  /** Cancels the run; `isRecursive` also cancels the runs its ExecutePipeline activities started. */
  async cancelRun(
    factory: string,
    runId: string,
    options: { readonly isRecursive?: boolean } = {},
  ): Promise<void> {
    const query = options.isRecursive === true ? "?isRecursive=true" : "";
    await this.http.request("POST", `${base(factory)}/pipelineruns/${seg(runId)}/cancel${query}`);
  }

  /** One page of `queryPipelineRuns`. */
  queryRuns(
    factory: string,
    filter: RunFilterParameters = {},
  ): Promise<RunQueryResponse<PipelineRun>> {
    return this.http.request("POST", `${base(factory)}/queryPipelineRuns`, filter);
  }

  /** Every page of `queryPipelineRuns` until `limit` runs (default all). */
  queryAllRuns(
    factory: string,
    filter: RunFilterParameters = {},
    limit = unlimited,
  ): Promise<{ readonly runs: PipelineRun[]; readonly more: boolean }> {
    return this.pages((page) => this.queryRuns(factory, page), filter, limit).then(
      ({ items, more }) => ({ runs: items, more }),
    );
  }

  /** One page of `queryActivityruns`. */
  queryActivityRuns(
    factory: string,
    runId: string,
    filter: RunFilterParameters = {},
  ): Promise<RunQueryResponse<ActivityRun>> {
    const path = `${base(factory)}/pipelineruns/${seg(runId)}/queryActivityruns`;
    return this.http.request("POST", path, filter);
  }

  /** Every page of `queryActivityruns`. */
  async queryAllActivityRuns(
    factory: string,
    runId: string,
    filter: RunFilterParameters = {},
  ): Promise<ActivityRun[]> {
    const { items } = await this.pages(
      (page) => this.queryActivityRuns(factory, runId, page),
      filter,
      unlimited,
    );
    return items;
  }

  private async pages<T>(
    fetchPage: (filter: RunFilterParameters) => Promise<RunQueryResponse<T>>,
    filter: RunFilterParameters,
    limit: number,
  ): Promise<{ items: T[]; more: boolean }> {
    const items: T[] = [];
    let token = filter.continuationToken;
    do {
      const page = await fetchPage({
        ...filter,
        ...(token === undefined ? {} : { continuationToken: token }),
      });
      items.push(...page.value);
      token = page.continuationToken ?? undefined;
    } while (token !== undefined && items.length < limit);
    return { items: items.slice(0, limit), more: token !== undefined || items.length > limit };
  }
}

function base(factory: string): string {
  return `/factories/${seg(factory)}`;
}

function createRunQuery(options: CreateRunOptions): string {
  const params = new URLSearchParams();
  if (options.referencePipelineRunId !== undefined) {
    params.set("referencePipelineRunId", options.referencePipelineRunId);
  }
  if (options.isRecovery !== undefined) params.set("isRecovery", String(options.isRecovery));
  if (options.startFromFailure !== undefined) {
    params.set("startFromFailure", String(options.startFromFailure));
  }
  if (options.startActivityName !== undefined) {
    params.set("startActivityName", options.startActivityName);
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
