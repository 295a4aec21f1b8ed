/** What {@link OrphanWatch} needs. */
export interface OrphanWatchOptions {
  readonly now: () => number;
  /** How long the server may stay away once the agent is orphaned. */
  readonly graceMs: () => number;
  /** Called once the grace period ran out with the server still away. */
  readonly giveUp: () => void;
}

/**
 * The deadline of an orphaned agent (its server was killed): while orphaned and the server
 * is away, `giveUp` is called once the server has been away for the grace period, counted
 * from when it went; the server answering again stops the count.
 */
export class OrphanWatch {
  private orphaned = false;
  /** When the server stopped answering (undefined while it answers). */
  private awaySince: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OrphanWatchOptions) {}

  get isOrphaned(): boolean {
    return this.orphaned;
  }

  /** Marks the agent orphaned; true the first time. */
  orphan(): boolean {
    if (this.orphaned) return false;
    this.orphaned = true;
    this.arm();
    return true;
  }

  serverAway(): void {
    this.awaySince ??= this.options.now();
    this.arm();
  }

  serverBack(): void {
    this.awaySince = undefined;
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (!this.orphaned || this.awaySince === undefined) return;
    const left = this.options.graceMs() - (this.options.now() - this.awaySince);
    this.timer = setTimeout(() => this.options.giveUp(), Math.max(0, left));
  }
}
