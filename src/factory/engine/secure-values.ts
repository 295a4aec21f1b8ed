import { isPlainObject } from "./parameter-types.js";

/** The text shown in place of a secret, as ADF shows SecureString values. */
export const maskText = "**********";

/** What a masker hides. */
export interface MaskSources {
  /** Secret texts (SecureString parameter values, secrets from linked services...). */
  readonly secrets: readonly string[];
}

/** An activity run as the API shows it; only these fields carry user data. */
export interface ShownActivityRun {
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: unknown;
}

/** Hides secrets in values shown by the API, logs and the CLI; the engine keeps real values. */
export interface Masker {
  /** `value` with every occurrence of a secret inside any string replaced by the mask. */
  maskValue<T>(value: T): T;
  /**
   * An activity run as shown: with `secureInput` the whole input is the mask, with
   * `secureOutput` the whole output (ADF keeps secure input and output out of monitoring);
   * secrets are masked inside whatever is still shown, the error included.
   */
  maskActivityRun<T extends ShownActivityRun>(
    run: T,
    policy: { secureInput?: boolean; secureOutput?: boolean },
  ): T;
}

/**
 * A masker for `sources`. Longer secrets are replaced first so a secret containing another
 * is hidden whole; empty secrets are ignored.
 */
export function createMasker(sources: MaskSources): Masker {
  const secrets = [...new Set(sources.secrets.filter((s) => s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const maskString = (text: string): string =>
    secrets.reduce((result, secret) => result.split(secret).join(maskText), text);
  const maskValue = <T>(value: T): T =>
    secrets.length === 0 ? value : (deepMap(value, maskString) as T);
  return {
    maskValue,
    maskActivityRun: (run, policy) => ({
      ...run,
      ...("input" in run ? { input: policy.secureInput ? maskText : maskValue(run.input) } : {}),
      ...("output" in run
        ? { output: policy.secureOutput ? maskText : maskValue(run.output) }
        : {}),
      ...("error" in run ? { error: maskValue(run.error) } : {}),
    }),
  };
}

function deepMap(value: unknown, mapString: (text: string) => string): unknown {
  if (typeof value === "string") return mapString(value);
  if (Array.isArray(value)) return value.map((item) => deepMap(item, mapString));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = deepMap(item, mapString);
    return out;
  }
  return value;
}

/**
 * The secret texts of a run's parameters: the values of its SecureString parameters (names
 * from bindParameters' `secure`). Non-text values are hidden as their JSON text.
 */
export function secureParameterSecrets(
  values: Readonly<Record<string, unknown>>,
  secureNames: readonly string[],
): string[] {
  return secureNames
    .map((name) => values[name])
    .filter((value) => value !== null && value !== undefined)
    .map((value) => (typeof value === "string" ? value : JSON.stringify(value)));
}

/** A run's parameters as shown: SecureString ones replaced by the mask. */
export function maskParameters(
  values: Readonly<Record<string, unknown>>,
  secureNames: readonly string[],
): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...values };
  for (const name of secureNames) if (name in shown && shown[name] !== null) shown[name] = maskText;
  return shown;
}

/**
 * `value` with every `{ type: "SecureString", value }` object's value replaced by the mask
 * (a Web activity's Basic password, a linked service's key): shown inputs never hold them.
 */
export function maskSecureStrings<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecureStrings(item)) as T;
  if (!isPlainObject(value)) return value;
  if (value.type === "SecureString" && "value" in value) return { ...value, value: maskText } as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskSecureStrings(item);
  return out as T;
}
