import type { ExpressionScope } from "../../expressions/index.js";
import { frameActivities, scopeFor, type RecordedRun } from "../engine/index.js";
import type { RunContext } from "./run-context.js";

/** One container level an activity sits in: the results of its siblings so far. */
export interface ContainerFrame {
  /** Mutable: the container records each sibling's result as it ends. */
  readonly runs: Record<string, RecordedRun>;
  /** Set for a ForEach iteration: its item. */
  readonly iteration?: { readonly item: unknown };
}

/**
 * Where an activity sits: its enclosing containers (the pipeline first), its `scopePath`
 * (`""` at the top, `ForEach1[3]`, `ForEach1[3]/If1.true`...) and the innermost ForEach
 * iteration index, or null.
 */
export interface Position {
  readonly frames: readonly ContainerFrame[];
  readonly scopePath: string;
  readonly iterationIndex: number | null;
}

/** The top level of a pipeline run. */
export function topPosition(): Position {
  return { frames: [{ runs: {} }], scopePath: "", iterationIndex: null };
}

/** A container nested in `parent`: `segment` names it (`ForEach1[3]`, `If1.true`). */
export function innerPosition(
  parent: Position,
  segment: string,
  iteration?: { readonly item: unknown; readonly index: number },
): Position {
  return {
    frames: [
      ...parent.frames,
      iteration === undefined ? { runs: {} } : { runs: {}, iteration: { item: iteration.item } },
    ],
    scopePath: parent.scopePath === "" ? segment : `${parent.scopePath}/${segment}`,
    iterationIndex: iteration === undefined ? parent.iterationIndex : iteration.index,
  };
}

/** The expression scope of an activity at `position`, with the variables as they are now. */
export function scopeAt(ctx: RunContext, position: Position): ExpressionScope {
  return scopeFor({
    system: ctx.system,
    parameters: ctx.parameters,
    globalParameters: ctx.globalParameters,
    variables: ctx.variables,
    frames: position.frames.map((frame) => ({
      activities: frameActivities(frame.runs),
      ...(frame.iteration === undefined ? {} : { iteration: frame.iteration }),
    })),
    now: new Date(ctx.services.clock.now()),
  });
}
