// `--missed-fires`: what the scheduler does with schedule fires that fell due while no
// Sluice server ran. ADF drops them (the default, `skip`); `catch-up` runs each, oldest first.
import { SluiceError } from "../core/index.js";
import type { MissedFirePolicy } from "../scheduler/index.js";

const policies: Readonly<Record<string, MissedFirePolicy>> = {
  skip: "skip",
  "catch-up": "catchUp",
};

/** The policy a `--missed-fires` value names; undefined (flag absent) is `skip`. */
export function parseMissedFires(text: string | undefined): MissedFirePolicy {
  if (text === undefined) return "skip";
  const policy = policies[text.toLowerCase()];
  if (policy !== undefined) return policy;
  throw new SluiceError(
    "InvalidArgument",
    `--missed-fires must be 'skip' (as ADF: schedule fires missed while Sluice was down are dropped) or 'catch-up' (each runs, oldest first), but it is '${text}'.`,
    { details: { field: "missed-fires", value: text, allowed: Object.keys(policies) } },
  );
}
