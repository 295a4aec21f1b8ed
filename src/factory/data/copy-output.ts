import type { JsonObject } from "../../core/index.js";
import type { FileCopyTotals } from "./file-copy.js";

/** What the output needs beyond the totals. */
export interface OutputContext {
  readonly startMs: number;
  readonly endMs: number;
  readonly sourceType: string;
  readonly sinkType: string;
  readonly skipEnabled: boolean;
  readonly redirectRowPath?: string;
}

/**
 * A Copy activity's output as ADF reports it: bytes and files read and written, rows for
 * tabular copies (`rowsSkipped` when fault tolerance is on), `copyDuration` in seconds,
 * `throughput` in KB/s, `errors`, and one `executionDetails` entry.
 */
export function copyOutput(totals: FileCopyTotals, context: OutputContext): JsonObject {
  const ms = Math.max(context.endMs - context.startMs, 0);
  const seconds = ms / 1000;
  const throughput = seconds > 0 ? Math.round((totals.dataRead / 1024 / seconds) * 1000) / 1000 : 0;
  const output: JsonObject = {
    dataRead: totals.dataRead,
    dataWritten: totals.dataWritten,
    filesRead: totals.filesRead,
    filesWritten: totals.filesWritten,
    sourcePeakConnections: 1,
    sinkPeakConnections: 1,
  };
  if (totals.rows !== undefined) {
    output.rowsRead = totals.rows.read;
    output.rowsCopied = totals.rows.copied;
    if (context.skipEnabled) output.rowsSkipped = totals.rows.skipped;
  }
  if (context.redirectRowPath !== undefined) output.redirectRowPath = context.redirectRowPath;
  output.copyDuration = Math.round(seconds);
  output.throughput = throughput;
  output.errors = [];
  output.effectiveIntegrationRuntime = "Sluice";
  output.usedParallelCopies = totals.usedParallelCopies ?? 1;
  output.executionDetails = [
    {
      source: { type: context.sourceType },
      sink: { type: context.sinkType },
      status: "Succeeded",
      start: new Date(context.startMs).toISOString(),
      duration: Math.round(seconds),
      usedParallelCopies: totals.usedParallelCopies ?? 1,
      detailedDurations: { queuingDuration: 0, transferDuration: Math.round(seconds) },
    },
  ];
  return output;
}
