import { JsonReader, isObject, type TriggerProblem } from "./json-reader.js";
import { parseBlobEvents } from "./parse-blob-events.js";
import { parseMissedFiresAnnotation } from "./parse-missed-fires.js";
import { parsePipelines } from "./parse-pipelines.js";
import { parseRecurrence } from "./parse-schedule.js";
import { parseTumbling } from "./parse-tumbling.js";
import type { TriggerSpec } from "./trigger-spec.js";

/** A trigger's JSON read into a spec, or the problems that stop it (each naming its field). */
export interface ParsedTrigger {
  readonly spec?: TriggerSpec;
  readonly problems: readonly TriggerProblem[];
}

/**
 * Reads a trigger resource (`{ name, properties: { type, typeProperties, pipelines } }`).
 * ScheduleTrigger, TumblingWindowTrigger and BlobEventsTrigger are checked field by field;
 * other ADF trigger types are kept as unsupported (stored, never fired). Cross-trigger rules
 * (a dependency on a trigger that does not exist) are {@link checkTriggerSet}'s.
 */
export function parseTrigger(json: unknown): ParsedTrigger {
  const name = isObject(json) && typeof json.name === "string" ? json.name : "";
  const reader = new JsonReader(`trigger "${name}"`);
  const properties = isObject(json)
    ? reader.object(json.properties, "$.properties", true)
    : undefined;
  if (!properties) return { problems: reader.problems };
  const type = properties.type;
  const tp =
    reader.object(properties.typeProperties ?? {}, "$.properties.typeProperties", true) ?? {};
  if (type === "ScheduleTrigger") {
    const recurrence = parseRecurrence(tp, reader);
    const pipelines = parsePipelines(properties, reader, false);
    const missedFires = parseMissedFiresAnnotation(properties, reader);
    const own = missedFires === undefined ? {} : { missedFires };
    return recurrence && reader.problems.length === 0
      ? { spec: { type, name, recurrence, pipelines, ...own }, problems: [] }
      : { problems: reader.problems };
  }
  if (type === "TumblingWindowTrigger") {
    const fields = parseTumbling(name, tp, reader);
    const pipelines = parsePipelines(properties, reader, true);
    return fields && reader.problems.length === 0
      ? { spec: { type, name, ...fields, pipelines }, problems: [] }
      : { problems: reader.problems };
  }
  if (type === "BlobEventsTrigger") {
    const fields = parseBlobEvents(tp, reader);
    const pipelines = parsePipelines(properties, reader, false);
    return fields && reader.problems.length === 0
      ? { spec: { type, name, ...fields, pipelines }, problems: [] }
      : { problems: reader.problems };
  }
  return { spec: { type: "Unsupported", name, typeName: String(type) }, problems: [] };
}
