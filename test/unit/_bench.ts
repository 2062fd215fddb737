import { parseTranscript } from '../../src/core/transcripts/index';
import { speakerStartAt, labelAt } from '../../src/core/transcripts/speakers';
import { splitLines } from '../../src/core/transcripts/lines';
function repeatTo(unit: string, length: number) { return unit.repeat(Math.ceil(length / unit.length)).slice(0, length); }
const cases: [string,string][] = [
 ['big.md', '---\nparticipant: P07\nkind: interview\n---\n# Interview\n\n' + repeatTo('[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?\n**P07:** Sixteen weeks. I said to her: no, not the bathroom. Nobody rang to say why. 😀\n\n', 300_000)],
 ['big.txt', repeatTo('Speaker 1  12:03\nSo tell me about the rails and the wait for the fitting, and what happened next.\n\n', 300_000)],
 ['big.vtt', 'WEBVTT\n\n' + repeatTo('00:00:01.000 --> 00:00:06.500\n<v Anna>Sixteen weeks. Nobody rang to say why, and I waited.</v>\n\n', 300_000)],
 ['big.srt', repeatTo('12\n00:00:01,000 --> 00:00:04,000\nP07: Sixteen weeks. Nobody rang to say why, and I waited.\n\n', 300_000)],
];
for (const [p, t] of cases) {
  for (let i = 0; i < 3; i++) parseTranscript(p, t);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) { const t0 = performance.now(); parseTranscript(p, t); times.push(performance.now() - t0); }
  times.sort((a,b)=>a-b);
  const lines = splitLines(t);
  const t1 = performance.now(); for (const l of lines) speakerStartAt(l.text); const t2 = performance.now();
  for (const l of lines) labelAt(l.text); const t3 = performance.now();
  console.log(p, 'min', times[0]!.toFixed(1), 'median', times[5]!.toFixed(1), 'lines', lines.length, 'speakerStartAt', (t2-t1).toFixed(1), 'labelAt', (t3-t2).toFixed(1));
}
