// Start or stop a trigger: one button naming the trigger, and the error when the server
// refuses (for example a trigger whose pipeline is missing).
import type { FactoryApi } from "../api/factory-api.js";
import { useAction } from "../use-action.js";
import { ErrorNotice } from "./notice.js";

export function TriggerSwitch(props: {
  api: FactoryApi;
  name: string;
  state: string;
  onChanged: () => void;
}) {
  const { busy, error, act } = useAction();
  const change = (start: boolean) =>
    act(async () => {
      await (start ? props.api.startTrigger(props.name) : props.api.stopTrigger(props.name));
      props.onChanged();
    });
  return (
    <>
      {props.state === "Started" ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => change(false)}>
          Stop {props.name}
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => change(true)}>
          Start {props.name}
        </button>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
