import { isSpeakerName, labelAt, speakerStartAt } from '../../src/core/transcripts/speakers';
import { parseClock } from '../../src/core/transcripts/clock';
const fns: [string, () => unknown][] = [
  ['isSpeakerName', () => isSpeakerName('Interviewer')],
  ['isSpeakerName relaxed', () => isSpeakerName('Speaker 1', { relaxed: true })],
  ['parseClock', () => parseClock('00:12:31')],
  ['labelAt', () => labelAt('[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?')],
  ['start otter', () => speakerStartAt('Speaker 1  12:03')],
];
for (const [name, f] of fns) {
  for (let i = 0; i < 50000; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 100000; i++) f(); const t1 = performance.now();
  console.log(name, ((t1 - t0) * 10).toFixed(0), 'ns');
}
