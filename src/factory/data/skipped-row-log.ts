import { SluiceError } from "../../core/index.js";
import type { FactoryResources } from "../activities/factory-resources.js";
import { openLinkedStorage, type LinkedStorageDeps } from "../connections/linked-storage.js";
import { resolveResource } from "../connections/resolve-definition.js";
import type { SkippedRow } from "./tabular-copy.js";

/** Where a copy logs its skipped rows: ADF's `redirectIncompatibleRowSettings` or `logSettings`. */
export interface LogLocation {
  readonly linkedService: unknown;
  /** `container/folder` (blob stores) or `folder` (file shares). */
  readonly path: string;
}

/** The log location of a Copy's typeProperties, if it names one. */
export function logLocationOf(props: Readonly<Record<string, unknown>>): LogLocation | undefined {
  const redirect = record(props.redirectIncompatibleRowSettings);
  const logSettings = record(record(props.logSettings).logLocationSettings);
  for (const settings of [redirect, logSettings]) {
    if (settings.linkedServiceName !== undefined) {
      const path = typeof settings.path === "string" ? settings.path : "";
      return { linkedService: settings.linkedServiceName, path };
    }
  }
  return undefined;
}

/**
 * Writes the skipped rows as ADF's session log does: a CSV with Timestamp, Level,
 * OperationName (`TabularRowSkip`), OperationItem (the row) and Message (why), at
 * `<path>/copyactivity-logs/<activity>/<activityRunId>/incompatiblerows.csv`. Resolves with
 * the log's folder as `container/folder...` for the output's `redirectRowPath`.
 */
export async function writeSkippedRowLog(
  resources: FactoryResources,
  location: LogLocation,
  rows: readonly SkippedRow[],
  names: { readonly activity: string; readonly runId: string; readonly time: string },
  deps: LinkedStorageDeps,
): Promise<string> {
  const ref = record(location.linkedService);
  const params = record(ref.parameters);
  const service = await resolveResource(resources, "linkedService", ref.referenceName, params);
  const segments = location.path.split("/").filter((part) => part !== "");
  const isShare = service.type.toLowerCase() === "fileserver";
  const container = isShare ? "" : (segments.shift() ?? "");
  if (!isShare && container === "") {
    throw new SluiceError(
      "InvalidArgument",
      "The log location's path must start with a container: 'container/folder'.",
      { details: { field: "logLocationSettings.path", value: location.path } },
    );
  }
  const storage = openLinkedStorage(service, container, deps);
  const folder = [...segments, "copyactivity-logs", names.activity, names.runId].join("/");
  const lines = ["Timestamp,Level,OperationName,OperationItem,Message"];
  for (const row of rows) {
    const item =
      row.file === ""
        ? row.row
        : `${row.file}${row.line === undefined ? "" : `:${row.line}`}: ${row.row}`;
    lines.push([names.time, "Warning", "TabularRowSkip", item, row.reason].map(csvField).join(","));
  }
  await storage.connector.write(`${folder}/incompatiblerows.csv`, lines.join("\r\n") + "\r\n");
  return [container, folder].filter((part) => part !== "").join("/");
}

function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
