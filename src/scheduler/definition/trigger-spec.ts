import type { TimeZone } from "../../expressions/index.js";

/** ScheduleTrigger's recurrence units. */
export type Frequency = "Minute" | "Hour" | "Day" | "Week" | "Month";

/** A recurrence's `schedule`: weekdays as 0 = Sunday to 6 = Saturday. */
export interface Schedule {
  readonly minutes?: readonly number[];
  readonly hours?: readonly number[];
  readonly weekDays?: readonly number[];
  /** 1 to 31, or -1 (the last day) to -31. */
  readonly monthDays?: readonly number[];
  /** `occurrence` 1 to 5 or -1 (the last) to -5; absent: every such weekday of the month. */
  readonly monthlyOccurrences?: readonly { readonly day: number; readonly occurrence?: number }[];
}

/** A ScheduleTrigger's `recurrence`, with its times read as UTC instants. */
export interface Recurrence {
  readonly frequency: Frequency;
  readonly interval: number;
  readonly startUtc: number;
  /** Exclusive: nothing fires at or after it. */
  readonly endUtc?: number;
  readonly zone: TimeZone;
  readonly schedule?: Schedule;
}

/** One pipeline a trigger starts, with its (unevaluated) parameters. */
export interface PipelineCall {
  readonly pipeline: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** What to do with schedule fires that fell due while no scheduler ran. */
export type MissedFirePolicy = "skip" | "catchUp";

export interface ScheduleTriggerSpec {
  readonly type: "ScheduleTrigger";
  readonly name: string;
  readonly recurrence: Recurrence;
  readonly pipelines: readonly PipelineCall[];
  /** The trigger's own policy (annotation `sluice:missedFires=...`); default the server's. */
  readonly missedFires?: MissedFirePolicy;
}

/** A tumbling window trigger's `dependsOn` entry; `trigger` is the own name for a self-dependency. */
export interface WindowDependency {
  readonly trigger: string;
  readonly self: boolean;
  readonly offsetMs: number;
  /** Default: the dependent trigger's window size. */
  readonly sizeMs?: number;
}

/** TumblingWindowTrigger's window units. */
export type WindowFrequency = "Minute" | "Hour" | "Month";

export interface TumblingWindowSpec {
  readonly type: "TumblingWindowTrigger";
  readonly name: string;
  readonly frequency: WindowFrequency;
  readonly interval: number;
  readonly startUtc: number;
  readonly endUtc?: number;
  readonly delayMs: number;
  readonly maxConcurrency: number;
  readonly retryCount: number;
  readonly retryIntervalMs: number;
  readonly dependsOn: readonly WindowDependency[];
  readonly pipelines: readonly PipelineCall[];
}

/** Storage events, by their short names. */
export type BlobEventType = "BlobCreated" | "BlobDeleted";

export interface BlobEventsSpec {
  readonly type: "BlobEventsTrigger";
  readonly name: string;
  /** The storage account's ARM id (ADF's); absent or unmatched: Sluice's embedded storage. */
  readonly scope?: string;
  readonly events: readonly BlobEventType[];
  readonly blobPathBeginsWith?: string;
  readonly blobPathEndsWith?: string;
  readonly ignoreEmptyBlobs: boolean;
  readonly pipelines: readonly PipelineCall[];
}

/** A trigger type Sluice stores but does not fire (CustomEventsTrigger, ChainingTrigger, ...). */
export interface UnsupportedTriggerSpec {
  readonly type: "Unsupported";
  readonly name: string;
  readonly typeName: string;
}

export type TriggerSpec =
  ScheduleTriggerSpec | TumblingWindowSpec | BlobEventsSpec | UnsupportedTriggerSpec;
