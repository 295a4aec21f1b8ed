import { isObject, type JsonReader } from "./json-reader.js";
import type { PipelineCall } from "./trigger-spec.js";

function call(entry: unknown, path: string, reader: JsonReader): PipelineCall | undefined {
  const object = reader.object(entry, path, true);
  const reference = reader.object(object?.pipelineReference, `${path}.pipelineReference`, true);
  if (!object || !reference) return undefined;
  if (typeof reference.referenceName !== "string" || reference.referenceName === "") {
    reader.problem(
      `${path}.pipelineReference.referenceName`,
      "referenceName must name a pipeline",
      "MissingProperty",
    );
    return undefined;
  }
  const parameters = reader.object(object.parameters, `${path}.parameters`, false) ?? {};
  return { pipeline: reference.referenceName, parameters };
}

/** `pipelines[]` of schedule and event triggers (many), or `pipeline` of a tumbling window (one). */
export function parsePipelines(
  properties: Record<string, unknown>,
  reader: JsonReader,
  single: boolean,
): PipelineCall[] {
  if (single) {
    const one = call(properties.pipeline, "$.properties.pipeline", reader);
    return one ? [one] : [];
  }
  if (properties.pipelines === undefined) return [];
  if (!Array.isArray(properties.pipelines)) {
    reader.problem("$.properties.pipelines", "pipelines must be an array", "MissingProperty");
    return [];
  }
  const calls: PipelineCall[] = [];
  properties.pipelines.forEach((entry: unknown, i) => {
    const parsed = call(entry, `$.properties.pipelines[${i}]`, reader);
    if (parsed) calls.push(parsed);
  });
  return calls;
}

export { isObject };
