// ADF's factory, pipeline, run and trigger calls, typed with the client's wire shapes.
import type {
  ActivityRun,
  CreateRunOptions,
  FactoryResource,
  PipelineRun,
  RunFilterParameters,
  RunQueryResponse,
} from "../../../src/client/factory-model.js";
import { linkPath, seg, type Http } from "./http.js";

/** ADF's `TriggerRun`, as `queryTriggerRuns` returns it. */
export interface TriggerRun {
  readonly triggerRunId: string;
  readonly triggerName: string;
  readonly triggerType: string;
  readonly triggerRunTimestamp: string;
  readonly status: string;
  readonly message: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Pipeline name -> the run the trigger started. */
  readonly triggeredPipelines: Readonly<Record<string, string>>;
}

/** A tumbling window as Sluice's `sluice/windows` lists it. */
export interface TriggerWindow {
  readonly triggerRunId: string;
  readonly windowStartTime: string;
  readonly windowEndTime: string;
  /** Waiting, WaitingOnDependency, Running, Succeeded, Failed or Cancelled. */
  readonly status: string;
  /** The latest attempt, from 1; 0 before the window first starts. */
  readonly attempt: number;
  /** The pipeline run of the window's latest attempt, if one started. */
  readonly runId: string | null;
  readonly message: string;
  readonly lastUpdated: string;
}

/** ADF's list body of factory resources. */
interface ResourceList {
  readonly value: readonly FactoryResource[];
  readonly nextLink?: string;
}

/** Most pages the UI follows when it needs a whole list (runs of one pipeline run, pipelines). */
const maxPages = 20;

export function factoryApi(http: Http, factory: string) {
  const f = `/factories/${seg(factory)}`;
  const listAll = async (kind: string): Promise<FactoryResource[]> => {
    const items: FactoryResource[] = [];
    let path: string | undefined = `${f}/${kind}`;
    for (let page = 0; path !== undefined && page < maxPages; page++) {
      const body: ResourceList = await http.json<ResourceList>("GET", path);
      items.push(...body.value);
      path = body.nextLink === undefined ? undefined : linkPath(body.nextLink);
    }
    return items;
  };
  return {
    getFactory: () => http.json<FactoryResource>("GET", f),
    listPipelines: () => listAll("pipelines"),
    getPipeline: (name: string) => http.json<FactoryResource>("GET", `${f}/pipelines/${seg(name)}`),
    queryRuns: (query: RunFilterParameters) =>
      http.json<RunQueryResponse<PipelineRun>>("POST", `${f}/queryPipelineRuns`, query),
    getRun: (runId: string) => http.json<PipelineRun>("GET", `${f}/pipelineruns/${seg(runId)}`),
    /** Every activity run of a run (following continuation tokens). */
    activityRuns: async (runId: string): Promise<ActivityRun[]> => {
      const items: ActivityRun[] = [];
      let token: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const body: RunQueryResponse<ActivityRun> = await http.json<RunQueryResponse<ActivityRun>>(
          "POST",
          `${f}/pipelineruns/${seg(runId)}/queryActivityruns`,
          token === undefined ? {} : { continuationToken: token },
        );
        items.push(...body.value);
        token = body.continuationToken;
        if (token === undefined) break;
      }
      return items;
    },
    cancelRun: (runId: string) =>
      http.json<void>("POST", `${f}/pipelineruns/${seg(runId)}/cancel?isRecursive=true`),
    createRun: (pipeline: string, options: CreateRunOptions = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(options)) query.set(key, String(value));
      const search = query.size === 0 ? "" : `?${query.toString()}`;
      return http.json<{ runId: string }>(
        "POST",
        `${f}/pipelines/${seg(pipeline)}/createRun${search}`,
        {},
      );
    },
    listTriggers: () => listAll("triggers"),
    /** The next `count` fire times of a trigger (Sluice's `sluice/nextFires`). */
    nextFires: (name: string, count: number) =>
      http.json<{ value: readonly string[] }>(
        "GET",
        `${f}/triggers/${seg(name)}/sluice/nextFires?count=${count}`,
      ),
    /** The newest trigger runs (first page of ADF's queryTriggerRuns). */
    triggerRuns: (query: RunFilterParameters) =>
      http.json<RunQueryResponse<TriggerRun>>("POST", `${f}/queryTriggerRuns`, query),
    getTrigger: (name: string) => http.json<FactoryResource>("GET", `${f}/triggers/${seg(name)}`),
    /** Every window of a tumbling window trigger (Sluice's `sluice/windows`). */
    windows: (name: string) =>
      http.json<{ value: readonly TriggerWindow[] }>(
        "GET",
        `${f}/triggers/${seg(name)}/sluice/windows`,
      ),
    /** ADF's rerun of an ended tumbling window (its trigger run). */
    rerunTriggerRun: (name: string, triggerRunId: string) =>
      http.json<void>("POST", `${f}/triggers/${seg(name)}/triggerRuns/${seg(triggerRunId)}/rerun`),
    startTrigger: (name: string) => http.json<void>("POST", `${f}/triggers/${seg(name)}/start`),
    stopTrigger: (name: string) => http.json<void>("POST", `${f}/triggers/${seg(name)}/stop`),
  };
}

export type FactoryApi = ReturnType<typeof factoryApi>;
