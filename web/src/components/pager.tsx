// Previous / next buttons with a live summary of what is shown.
export function Pager(props: {
  label: string;
  summary: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav class="pager" aria-label={props.label}>
      <button
        type="button"
        class="secondary"
        disabled={!props.hasPrevious}
        onClick={props.onPrevious}
      >
        Previous page
      </button>
      <span role="status">{props.summary}</span>
      <button type="button" class="secondary" disabled={!props.hasNext} onClick={props.onNext}>
        Next page
      </button>
    </nav>
  );
}
