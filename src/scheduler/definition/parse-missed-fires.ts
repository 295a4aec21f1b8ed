import type { JsonReader } from "./json-reader.js";
import { show } from "./json-reader.js";
import type { MissedFirePolicy } from "./trigger-spec.js";

const prefix = "sluice:missedfires=";
const values: Readonly<Record<string, MissedFirePolicy>> = {
  skip: "skip",
  catchup: "catchUp",
  "catch-up": "catchUp",
};

/**
 * A schedule trigger's own missed-fire policy, from the annotation `sluice:missedFires=skip`
 * or `sluice:missedFires=catchUp` in `properties.annotations`: ADF keeps annotations as free
 * tags and ignores them, so the same JSON still deploys to ADF. Undefined without one (the
 * server's policy applies); a value other than those is a problem naming the annotation.
 */
export function parseMissedFiresAnnotation(
  properties: Record<string, unknown>,
  reader: JsonReader,
): MissedFirePolicy | undefined {
  const annotations = properties.annotations;
  if (!Array.isArray(annotations)) return undefined;
  let policy: MissedFirePolicy | undefined;
  annotations.forEach((annotation, i) => {
    if (typeof annotation !== "string" || !annotation.toLowerCase().startsWith(prefix)) return;
    const value = values[annotation.slice(prefix.length).trim().toLowerCase()];
    if (value !== undefined) policy = value;
    else
      reader.problem(
        `$.properties.annotations[${i}]`,
        `annotation ${show(annotation)} names no missed-fire policy; allowed: "sluice:missedFires=skip" or "sluice:missedFires=catchUp"`,
      );
  });
  return policy;
}
