// Nodes as squares coloured by state, with a legend counting each state (the counts carry
// the information for anyone who cannot tell the colours apart).
import type { ComputeNode } from "../../../src/api/index.js";
import { statusClass } from "./status-badge.js";

export function NodeHeatmap({ nodes }: { nodes: readonly ComputeNode[] }) {
  if (nodes.length === 0) return <p class="empty">No nodes.</p>;
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
  return (
    <div class="heatmap-wrap">
      <ul class="legend" aria-label="Nodes by state">
        {[...counts].map(([state, count]) => (
          <li key={state}>
            <span class={`swatch ${statusClass(state)}`} aria-hidden="true" />
            {state}: {count}
          </li>
        ))}
      </ul>
      <ul class="heatmap" aria-label="Nodes">
        {nodes.map((node) => {
          const text = `${node.id}: ${node.state}, ${node.runningTaskSlotsCount ?? 0} slots in use`;
          return (
            <li
              key={node.id}
              class={`node ${statusClass(node.state)}`}
              title={text}
              aria-label={text}
              data-node-state={node.state}
            />
          );
        })}
      </ul>
    </div>
  );
}
