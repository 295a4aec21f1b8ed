// A status as text on a colour (the text carries the meaning; the colour only helps).

/** CSS class of a status (pipeline, activity, task, node and job states alike). */
export function statusClass(status: string): string {
  return `status status-${status.toLowerCase().replace(/[^a-z]/g, "")}`;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={statusClass(status)}>{status}</span>;
}
