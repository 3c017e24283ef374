/**
 * CPU milliseconds this process spends running `work`: a time bound on our own code that other
 * processes' load on a shared machine does not move (a wall clock does), and that a quadratic
 * algorithm on hostile input still exceeds by far.
 */
export function cpuMillisOf(work: () => unknown): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}
