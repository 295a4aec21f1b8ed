/**
 * What a multi-instance task adds to its `unmet_dependencies`: far above any real count of
 * dependencies, so the one-by-one claim (which takes tasks with 0 unmet) never takes it,
 * while completing its dependencies still counts down as usual. Its dependencies are met
 * when the count is exactly `gangHold`; then the gang claim (gang-claim.ts) may start it.
 */
export const gangHold = 1_073_741_824;
