import type { FactoryDeployResult } from "../factory/index.js";

/**
 * A deploy report as text: one line per resource (`created  pipeline  Name  v3`) in the
 * order the server stored them, one per deletion, then a summary.
 */
export function formatDeploy(result: FactoryDeployResult): string[] {
  const rows = [
    ...result.resources.map((r) => [r.outcome, r.kind, r.name, `v${r.version}`]),
    ...result.deleted.map((r) => ["deleted", r.kind, r.name, ""]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join("  ")
      .trimEnd(),
  );
  const count = (outcome: string) => result.resources.filter((r) => r.outcome === outcome).length;
  lines.push(
    `Deployed factory "${result.factory.name}": ${count("created")} created, ${count("updated")} updated, ` +
      `${count("unchanged")} unchanged, ${result.deleted.length} deleted.`,
  );
  return lines;
}
