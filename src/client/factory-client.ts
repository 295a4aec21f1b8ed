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
import type { TriggerRun, TriggerWindow } from "./trigger-model.js";

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

  // ---- triggers ----
  /** Every trigger of the factory, each with `properties.runtimeState`. */
  async listTriggers(factory: string): Promise<FactoryResource[]> {
    const all: FactoryResource[] = [];
    let path: string | undefined = `${base(factory)}/triggers`;
    while (path !== undefined) {
      const page: { value: FactoryResource[]; nextLink?: string } = await this.http.request(
        "GET",
        path,
      );
      all.push(...page.value);
      path = page.nextLink === undefined ? undefined : pathOf(page.nextLink);
    }
    return all;
  }

  getTrigger(factory: string, trigger: string): Promise<FactoryResource> {
    return this.http.request("GET", triggerPath(factory, trigger));
  }

  async startTrigger(factory: string, trigger: string): Promise<void> {
    await this.http.request("POST", `${triggerPath(factory, trigger)}/start`);
  }

  async stopTrigger(factory: string, trigger: string): Promise<void> {
    await this.http.request("POST", `${triggerPath(factory, trigger)}/stop`);
  }

  /** One page of `queryTriggerRuns`. */
  queryTriggerRuns(
    factory: string,
    filter: RunFilterParameters = {},
  ): Promise<RunQueryResponse<TriggerRun>> {
    return this.http.request("POST", `${base(factory)}/queryTriggerRuns`, filter);
  }

  /** Every page of `queryTriggerRuns` until `limit` runs (default all). */
  async queryAllTriggerRuns(
    factory: string,
    filter: RunFilterParameters = {},
    limit = unlimited,
  ): Promise<{ readonly runs: TriggerRun[]; readonly more: boolean }> {
    const { items, more } = await this.pages(
      (page) => this.queryTriggerRuns(factory, page),
      filter,
      limit,
    );
    return { runs: items, more };
  }

  /** Runs a tumbling window (by its trigger run id) again. */
  async rerunTriggerRun(factory: string, trigger: string, triggerRunId: string): Promise<void> {
    const path = `${triggerPath(factory, trigger)}/triggerRuns/${seg(triggerRunId)}/rerun`;
    await this.http.request("POST", path);
  }

  /** Cancels a waiting or running tumbling window (by its trigger run id) and its pipeline run. */
  async cancelTriggerRun(factory: string, trigger: string, triggerRunId: string): Promise<void> {
    const path = `${triggerPath(factory, trigger)}/triggerRuns/${seg(triggerRunId)}/cancel`;
    await this.http.request("POST", path);
  }

  /** The next `count` fire times (schedule) or window starts (tumbling), as ISO times. */
  async nextFires(factory: string, trigger: string, count: number): Promise<string[]> {
    const path = `${triggerPath(factory, trigger)}/sluice/nextFires?count=${count}`;
    return (await this.http.request<{ value: string[] }>("GET", path)).value;
  }

  /** Fires a schedule trigger at each of its fire times in `[startTime, endTime)`. */
  async backfillTrigger(
    factory: string,
    trigger: string,
    startTime: string,
    endTime: string,
  ): Promise<number> {
    const path = `${triggerPath(factory, trigger)}/sluice/backfill`;
    return (await this.http.request<{ fired: number }>("POST", path, { startTime, endTime })).fired;
  }

  /** A tumbling window trigger's windows, oldest first. */
  async triggerWindows(factory: string, trigger: string): Promise<TriggerWindow[]> {
    const path = `${triggerPath(factory, trigger)}/sluice/windows`;
    return (await this.http.request<{ value: TriggerWindow[] }>("GET", path)).value;
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

/** A nextLink's path and query: the client keeps its own base URL. */
function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}

function triggerPath(factory: string, trigger: string): string {
  return `${base(factory)}/triggers/${seg(trigger)}`;
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
