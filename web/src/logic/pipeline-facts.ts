// What the pipelines pages read from a pipeline resource. Pure.

/** The facts of a pipeline resource the list shows. */
export interface PipelineFacts {
  readonly activities: number;
  readonly parameters: readonly string[];
  readonly folder: string;
  readonly description: string;
}

export function pipelineFacts(properties: Readonly<Record<string, unknown>>): PipelineFacts {
  const parameters = properties.parameters;
  const folder = (properties.folder as { name?: unknown } | undefined)?.name;
  return {
    activities: Array.isArray(properties.activities) ? properties.activities.length : 0,
    parameters:
      typeof parameters === "object" && parameters !== null ? Object.keys(parameters) : [],
    folder: typeof folder === "string" ? folder : "",
    description: typeof properties.description === "string" ? properties.description : "",
  };
}

/** The top-level activity named `name` in a pipeline's `activities`, if any. */
export function activityNamed(activities: unknown, name: string): unknown {
  if (!Array.isArray(activities)) return undefined;
  return activities.find((item: unknown) => (item as { name?: unknown })?.name === name);
}
