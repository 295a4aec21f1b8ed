// ARIA tabs: Left/Right/Home/End move between tabs, the panel follows.
import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";

export interface TabSpec {
  readonly id: string;
  readonly label: string;
}

export function Tabs(props: {
  label: string;
  tabs: readonly TabSpec[];
  selected: string;
  onSelect: (id: string) => void;
  children: ComponentChildren;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex((tab) => tab.id === props.selected);
    const last = props.tabs.length - 1;
    const to =
      event.key === "ArrowRight"
        ? (index + 1) % props.tabs.length
        : event.key === "ArrowLeft"
          ? (index + last) % props.tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : undefined;
    const tab = to === undefined ? undefined : props.tabs[to];
    if (tab === undefined) return;
    event.preventDefault();
    props.onSelect(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${tab.id}`)?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} ref={list} onKeyDown={onKeyDown}>
        {props.tabs.map((tab) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === props.selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === props.selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${props.selected}`}
        aria-labelledby={`tab-${props.selected}`}
        tabIndex={0}
      >
        {props.children}
      </div>
    </div>
  );
}
