// Formatted JSON in a scrollable, focusable block (keyboard users can scroll it too).
import { formatJson, isEmptyValue } from "../logic/format.js";

export function JsonView({
  label,
  value,
  testId,
}: {
  label: string;
  value: unknown;
  testId?: string;
}) {
  return (
    <section class="json-block" aria-label={label}>
      <h4>{label}</h4>
      {isEmptyValue(value) ? (
        <p class="muted">None</p>
      ) : (
        <pre class="json" tabIndex={0} data-testid={testId}>
          {formatJson(value)}
        </pre>
      )}
    </section>
  );
}
