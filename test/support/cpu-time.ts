/**
 * CPU time of this process, for the tests that guard against pathological slowness (a
 * quadratic scan, a regular expression that backtracks). Wall-clock time is no test on a
 * shared machine: a process not scheduled for a second "takes" a second. CPU time counts only
 * what the code under test did, so a limit can stay generous and still catch a blow-up.
 */
export function cpuMs<T>(work: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
