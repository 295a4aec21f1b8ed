// The activity graph of a pipeline: boxes in columns by dependency depth (left to right, as
// ADF draws pipelines) and arrows for `dependsOn`. Pure.

export interface GraphNode {
  readonly name: string;
  readonly type: string;
  readonly column: number;
  readonly row: number;
  readonly x: number;
  readonly y: number;
  /** Activities inside it (ForEach, If, Until, Switch), counted at every depth. */
  readonly inner: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Succeeded, Failed, Skipped or Completed (the first one when several). */
  readonly condition: string;
  readonly conditions: readonly string[];
  readonly points: readonly (readonly [number, number])[];
}

export interface GraphLayout {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly width: number;
  readonly height: number;
}

export const boxWidth = 168;
export const boxHeight = 52;
const gapX = 64;
const gapY = 24;
const margin = 12;

interface Definition {
  readonly name: string;
  readonly type: string;
  readonly dependsOn: readonly { activity: string; conditions: readonly string[] }[];
  readonly inner: number;
}

/** Lays out the top-level `activities` of a pipeline definition. */
export function layoutGraph(activities: unknown): GraphLayout {
  const defs = definitions(activities);
  const byName = new Map(defs.map((def) => [def.name, def]));
  const column = new Map<string, number>();
  const depthOf = (name: string, trail: Set<string>): number => {
    const known = column.get(name);
    if (known !== undefined) return known;
    if (trail.has(name)) return 0; // a cycle is invalid; draw it rather than loop
    trail.add(name);
    const parents = (byName.get(name)?.dependsOn ?? []).filter((dep) => byName.has(dep.activity));
    const depth = Math.max(-1, ...parents.map((dep) => depthOf(dep.activity, trail))) + 1;
    trail.delete(name);
    column.set(name, depth);
    return depth;
  };
  const rowsUsed = new Map<number, number>();
  const nodes: GraphNode[] = defs.map((def) => {
    const col = depthOf(def.name, new Set());
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    return {
      name: def.name,
      type: def.type,
      column: col,
      row,
      x: margin + col * (boxWidth + gapX),
      y: margin + row * (boxHeight + gapY),
      inner: def.inner,
    };
  });
  const placed = new Map(nodes.map((node) => [node.name, node]));
  const edges: GraphEdge[] = [];
  for (const def of defs) {
    const target = placed.get(def.name);
    for (const dep of def.dependsOn) {
      const source = placed.get(dep.activity);
      if (source === undefined || target === undefined) continue;
      edges.push({
        from: source.name,
        to: target.name,
        condition: dep.conditions[0] ?? "Succeeded",
        conditions: dep.conditions,
        points: [
          [source.x + boxWidth, source.y + boxHeight / 2],
          [target.x, target.y + boxHeight / 2],
        ],
      });
    }
  }
  const columns = Math.max(0, ...nodes.map((node) => node.column + 1));
  const rows = Math.max(0, ...rowsUsed.values());
  return {
    nodes,
    edges,
    width: margin * 2 + columns * boxWidth + Math.max(0, columns - 1) * gapX,
    height: margin * 2 + rows * boxHeight + Math.max(0, rows - 1) * gapY,
  };
}

function definitions(activities: unknown): Definition[] {
  if (!Array.isArray(activities)) return [];
  return activities.flatMap((item: unknown) => {
    const activity = item as { name?: unknown; type?: unknown; dependsOn?: unknown };
    if (typeof activity?.name !== "string") return [];
    const deps = Array.isArray(activity.dependsOn) ? activity.dependsOn : [];
    return [
      {
        name: activity.name,
        type: typeof activity.type === "string" ? activity.type : "?",
        dependsOn: deps.flatMap((dep: unknown) => {
          const d = dep as { activity?: unknown; dependencyConditions?: unknown };
          if (typeof d?.activity !== "string") return [];
          const conditions = Array.isArray(d.dependencyConditions)
            ? d.dependencyConditions.filter((c): c is string => typeof c === "string")
            : [];
          return [{ activity: d.activity, conditions }];
        }),
        inner: countInner(item),
      },
    ];
  });
}

function countInner(activity: unknown): number {
  const props = (activity as { typeProperties?: unknown })?.typeProperties;
  if (typeof props !== "object" || props === null) return 0;
  const p = props as Record<string, unknown>;
  const lists = [p.activities, p.ifTrueActivities, p.ifFalseActivities, p.defaultActivities];
  if (Array.isArray(p.cases)) {
    for (const item of p.cases as { activities?: unknown }[]) lists.push(item?.activities);
  }
  let count = 0;
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const child of list) count += 1 + countInner(child);
  }
  return count;
}

/**
 * The status each top-level activity shows: its latest attempt outside any iteration
 * (retries and reruns leave several rows of one name).
 */
export function latestStatuses(
  runs: readonly {
    activityName: string;
    status: string;
    activityRunStart: string;
    iterationHash?: string;
  }[],
): Map<string, string> {
  const latest = new Map<string, { status: string; start: number }>();
  for (const run of runs) {
    if (run.iterationHash) continue;
    const start = Date.parse(run.activityRunStart);
    const seen = latest.get(run.activityName);
    if (seen === undefined || start >= seen.start) {
      latest.set(run.activityName, { status: run.status, start });
    }
  }
  return new Map([...latest].map(([name, entry]) => [name, entry.status]));
}
