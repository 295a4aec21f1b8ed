/** One line of the Batch bench's table. */
export interface Figure {
  readonly name: string;
  /** Sluice's measurement, formatted. */
  readonly value: string;
  /** What it is compared with, measured in the same run, formatted. */
  readonly reference: string;
  /** The target, formatted. */
  readonly target: string;
  readonly pass: boolean;
  /** Extra measurements worth printing under the table. */
  readonly notes?: readonly string[];
}

export const perSecond = (rate: number): string =>
  `${Math.round(rate).toLocaleString("en-US")} tasks/s`;
export const millis = (ms: number): string => `${ms.toFixed(1)} ms`;
export const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The table with targets and PASS / MISS. */
export function printTable(figures: readonly Figure[]): void {
  const header = ["figure", "sluice", "reference (same run)", "target", ""];
  const rows = figures.map((f) => [
    f.name,
    f.value,
    f.reference,
    f.target,
    f.pass ? "PASS" : "MISS",
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  for (const figure of figures) for (const note of figure.notes ?? []) console.log(`  ${note}`);
}
