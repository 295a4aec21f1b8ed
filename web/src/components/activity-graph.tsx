// The pipeline's activities as boxes and its dependencies as arrows (coloured by condition),
// each box coloured by the run's status of that activity (a definition alone shows no
// status). Boxes are buttons.
import type { FactoryResource } from "../../../src/client/factory-model.js";
import { boxHeight, boxWidth, layoutGraph } from "../logic/graph-layout.js";
import { statusClass } from "./status-badge.js";

export function ActivityGraph(props: {
  pipeline: FactoryResource | undefined;
  statuses: ReadonlyMap<string, string>;
  onSelect: (activityName: string) => void;
  /** False for a definition without a run: boxes name no status. Default true. */
  showStatus?: boolean;
}) {
  const showStatus = props.showStatus ?? true;
  if (props.pipeline === undefined) return <p class="muted">Loading the pipeline…</p>;
  const layout = layoutGraph(props.pipeline.properties.activities);
  if (layout.nodes.length === 0) return <p class="empty">This pipeline has no activities.</p>;
  return (
    <div class="graph-wrap">
      <svg
        class="graph"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={`Activities of ${props.pipeline.name}`}
      >
        <defs>
          {["succeeded", "failed", "completed", "skipped"].map((kind) => (
            <marker
              key={kind}
              id={`arrow-${kind}`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" class={`edge-head edge-${kind}`} />
            </marker>
          ))}
        </defs>
        {layout.edges.map((edge) => {
          const [[x1, y1] = [0, 0], [x2, y2] = [0, 0]] = edge.points;
          const kind = edge.condition.toLowerCase();
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={`${edge.from}->${edge.to}`}
              class={`edge edge-${kind}`}
              d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
              marker-end={`url(#arrow-${kind})`}
            >
              <title>{`${edge.from} → ${edge.to} on ${edge.conditions.join(", ") || "Succeeded"}`}</title>
            </path>
          );
        })}
        {layout.nodes.map((node) => {
          const status = props.statuses.get(node.name) ?? "NotRun";
          const said = status === "NotRun" ? "not run" : status;
          return (
            <g
              key={node.name}
              class={`graph-node ${showStatus ? statusClass(status) : "definition"}`}
              transform={`translate(${node.x} ${node.y})`}
              role="button"
              // Lower case: on an SVG element, preact sets the attribute as spelled.
              tabindex={0}
              aria-label={`${node.name} (${node.type})${showStatus ? `: ${said}` : ""}`}
              aria-description={node.inner > 0 ? `${node.inner} activities inside` : undefined}
              data-activity={node.name}
              onClick={() => props.onSelect(node.name)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  props.onSelect(node.name);
                }
              }}
            >
              <rect width={boxWidth} height={boxHeight} rx="6" />
              <text x="10" y="21" class="node-name">
                {clip(node.name, 20)}
              </text>
              <text x="10" y="40" class="node-type">
                {clip(showStatus ? `${node.type} · ${said}` : node.type, 26)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
