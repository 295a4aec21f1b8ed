// Human output: aligned tables for lists, aligned key/value lines for one resource. Pure.

/** A table with a header row; columns are padded to their widest cell, two spaces apart. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A cell for an optional value: `-` when absent. */
export function cell(value: unknown): string {
  return value === undefined || value === null || value === "" ? "-" : String(value);
}

/**
 * One resource as aligned `key  value` lines, nested fields flattened to dotted paths
 * (`executionInfo.exitCode`, `environmentSettings[0].name`). Empty arrays and objects are left out.
 */
export function renderDetails(resource: unknown): string {
  const pairs: [string, string][] = [];
  flatten(resource, "", pairs);
  const width = Math.max(0, ...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join("\n");
}

function flatten(value: unknown, path: string, out: [string, string][]): void {
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== "object" || item === null)) {
      if (value.length) out.push([path, value.map(String).join(", ")]);
      return;
    }
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
    return;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (value !== undefined) out.push([path, String(value)]);
}

/** JSON output of `--json`: two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
