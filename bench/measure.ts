/** Runs `work` repeatedly for about `ms` milliseconds after a warm-up; returns calls per second. */
export function perSecond(work: () => unknown, ms = 1000): number {
  const deadline = (target: number): number => performance.now() + target;
  let sink: unknown;
  for (const end = deadline(ms / 4); performance.now() < end;) sink = work();
  let calls = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) sink = work();
    calls += 100;
  }
  const elapsed = performance.now() - start;
  if (sink === Symbol.for("never")) console.log(sink);
  return (calls * 1000) / elapsed;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate).toLocaleString("en-US")}/s`;
}
