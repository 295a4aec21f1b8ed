import type { LinkedServiceReference, ParameterSpec, PipelineResource } from "./pipeline.js";

/** A linked service: `linkedService/<name>.json`. */
export interface LinkedServiceResource {
  readonly name: string;
  readonly properties: {
    readonly type: string;
    readonly typeProperties?: Readonly<Record<string, unknown>>;
    readonly parameters?: Readonly<Record<string, ParameterSpec>>;
    readonly connectVia?: { readonly referenceName: string; readonly type: string };
    readonly description?: string;
    readonly annotations?: readonly unknown[];
  };
}

/** A dataset: `dataset/<name>.json`. */
export interface DatasetResource {
  readonly name: string;
  readonly properties: {
    readonly type: string;
    readonly linkedServiceName: LinkedServiceReference;
    readonly typeProperties?: Readonly<Record<string, unknown>>;
    readonly parameters?: Readonly<Record<string, ParameterSpec>>;
    readonly schema?: unknown;
    readonly structure?: unknown;
    readonly folder?: { readonly name: string };
    readonly annotations?: readonly unknown[];
  };
}

/** A trigger: `trigger/<name>.json` (typed fully by the scheduler). */
export interface TriggerResource {
  readonly name: string;
  readonly properties: {
    readonly type: string;
    readonly runtimeState?: "Started" | "Stopped" | "Disabled";
    readonly typeProperties?: Readonly<Record<string, unknown>>;
    readonly pipelines?: readonly {
      readonly pipelineReference: {
        readonly referenceName: string;
        readonly type: "PipelineReference";
      };
      readonly parameters?: Readonly<Record<string, unknown>>;
    }[];
    readonly pipeline?: {
      readonly pipelineReference: {
        readonly referenceName: string;
        readonly type: "PipelineReference";
      };
      readonly parameters?: Readonly<Record<string, unknown>>;
    };
    readonly annotations?: readonly unknown[];
  };
}

/** `factory/<name>.json`: the factory itself, with its global parameters. */
export interface FactoryResource {
  readonly name: string;
  readonly properties?: {
    readonly globalParameters?: Readonly<
      Record<string, { readonly type: string; readonly value: unknown }>
    >;
  };
}

/** Everything a factory folder or ARM template holds. */
export interface FactoryDefinition {
  readonly factory?: FactoryResource;
  readonly pipelines: readonly PipelineResource[];
  readonly datasets: readonly DatasetResource[];
  readonly linkedServices: readonly LinkedServiceResource[];
  readonly triggers: readonly TriggerResource[];
  /** Other resource folders ADF has (dataflow/, integrationRuntime/, credential/...): kept as JSON. */
  readonly others: readonly {
    readonly kind: string;
    readonly name: string;
    readonly json: unknown;
  }[];
  /** Where each resource was read from, for messages; absent for definitions built in code. */
  readonly sources?: FactorySources;
}

/** A resource's file (relative to the factory root, or the ARM template) and JSON path in it. */
export interface ResourceSource {
  readonly file: string;
  /** `$` for a file holding one resource; `$.resources[3]` inside an ARM template. */
  readonly jsonPath: string;
}

/** Sources of a {@link FactoryDefinition}'s resources, index for index. */
export interface FactorySources {
  readonly factory?: ResourceSource;
  readonly pipelines: readonly ResourceSource[];
  readonly datasets: readonly ResourceSource[];
  readonly linkedServices: readonly ResourceSource[];
  readonly triggers: readonly ResourceSource[];
  readonly others: readonly ResourceSource[];
}
