import { CLOCK_SOURCE, parseClock } from '../../src/core/transcripts/clock';
const LEADING_TIMESTAMP = new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE})(?=[ \t]))[ \t]*(?:[-–—|][ \t]+)?`, 'u');
const CLOCK = /^(\d{1,3}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,3})?$/;
const s = '[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?';
const fns: [string, () => unknown][] = [
  ['lead', () => LEADING_TIMESTAMP.exec(s)],
  ['CLOCK', () => CLOCK.exec('00:12:31')],
  ['parseClock', () => parseClock('00:12:31')],
  ['pad', () => String(5).padStart(2, '0')],
  ['Number', () => Number('31')],
];
for (const [name, f] of fns) {
  for (let i = 0; i < 50000; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 100000; i++) f(); const t1 = performance.now();
  console.log(name, ((t1 - t0) * 10).toFixed(0), 'ns');
}
