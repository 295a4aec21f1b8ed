// What the trigger pages read from a trigger resource: type, runtime state and pipelines. Pure.

/** The facts of a trigger resource the pages show. */
export interface TriggerFacts {
  readonly type: string;
  /** ADF's read-only `runtimeState`: `Started` or `Stopped` (absent reads as `Stopped`). */
  readonly state: string;
  /** The pipelines it starts (`pipelines[]`, or a tumbling window's single `pipeline`). */
  readonly pipelines: readonly string[];
}

interface PipelineLink {
  readonly pipelineReference?: { readonly referenceName?: unknown };
}

export function triggerFacts(properties: Readonly<Record<string, unknown>>): TriggerFacts {
  const list = Array.isArray(properties.pipelines) ? (properties.pipelines as PipelineLink[]) : [];
  const single = properties.pipeline as PipelineLink | undefined;
  const pipelines = [...list, ...(single ? [single] : [])]
    .map((item) => item?.pipelineReference?.referenceName)
    .filter((name): name is string => typeof name === "string");
  return {
    type: typeof properties.type === "string" ? properties.type : "–",
    state: typeof properties.runtimeState === "string" ? properties.runtimeState : "Stopped",
    pipelines,
  };
}
