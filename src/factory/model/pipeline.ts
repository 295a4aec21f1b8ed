/**
 * ADF pipeline JSON as the factory's git integration stores it (`pipeline/<name>.json`),
 * in ADF's field names (API 2018-06-01). Only the shapes every part of Sluice shares are
 * typed here; each activity's `typeProperties` is typed by the activity that reads it.
 */

/** An ADF dependency condition. */
export type DependencyCondition = "Succeeded" | "Failed" | "Skipped" | "Completed";

/** `dependsOn[]` entry: run after `activity` ended with one of the conditions (all must hold). */
export interface ActivityDependency {
  readonly activity: string;
  readonly dependencyConditions: readonly DependencyCondition[];
}

/** `policy` of an execution activity. `timeout` is `d.hh:mm:ss` (default 12 hours). */
export interface ActivityPolicy {
  readonly timeout?: string;
  /** Retries after a failure; an integer or an expression. Default 0. */
  readonly retry?: number | string;
  /** Seconds between retries, 30 by default. */
  readonly retryIntervalInSeconds?: number;
  readonly secureInput?: boolean;
  readonly secureOutput?: boolean;
}

/** One activity of a pipeline. */
export interface Activity {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly dependsOn?: readonly ActivityDependency[];
  readonly policy?: ActivityPolicy;
  readonly userProperties?: readonly { readonly name: string; readonly value: unknown }[];
  /** `Inactive` activities do not run and end with `onInactiveMarkAs` (default Succeeded). */
  readonly state?: "Active" | "Inactive";
  readonly onInactiveMarkAs?: "Succeeded" | "Failed" | "Skipped";
  readonly linkedServiceName?: LinkedServiceReference;
  readonly typeProperties?: Readonly<Record<string, unknown>>;
  readonly inputs?: readonly DatasetReference[];
  readonly outputs?: readonly DatasetReference[];
}

/** The parameter types ADF declares. */
export type ParameterType =
  "String" | "Int" | "Float" | "Bool" | "Array" | "Object" | "SecureString";

export interface ParameterSpec {
  readonly type: ParameterType;
  readonly defaultValue?: unknown;
}

/** Variable types a pipeline may declare. */
export type VariableType = "String" | "Bool" | "Boolean" | "Array" | "Integer";

export interface VariableSpec {
  readonly type: VariableType;
  readonly defaultValue?: unknown;
}

export interface PipelineProperties {
  readonly description?: string;
  readonly activities: readonly Activity[];
  readonly parameters?: Readonly<Record<string, ParameterSpec>>;
  readonly variables?: Readonly<Record<string, VariableSpec>>;
  /** Most runs of this pipeline at once; extra runs queue. */
  readonly concurrency?: number;
  readonly annotations?: readonly unknown[];
  readonly folder?: { readonly name: string };
  readonly policy?: Readonly<Record<string, unknown>>;
}

/** A pipeline resource: `pipeline/<name>.json`. */
export interface PipelineResource {
  readonly name: string;
  readonly properties: PipelineProperties;
}

export interface LinkedServiceReference {
  readonly referenceName: string;
  readonly type: "LinkedServiceReference";
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface DatasetReference {
  readonly referenceName: string;
  readonly type: "DatasetReference";
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface PipelineReference {
  readonly referenceName: string;
  readonly type: "PipelineReference";
  readonly name?: string;
}
