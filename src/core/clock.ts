/** The source of the current time. Pure code takes a Clock instead of reading Date.now(). */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved: for tests and for replaying a fixed instant. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: number | Date = 0) {
    this.current = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  set(instant: number | Date): void {
    this.current = typeof instant === "number" ? instant : instant.getTime();
  }
}
