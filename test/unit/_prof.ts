import { parseTranscript } from '../../src/core/transcripts/index';
function repeatTo(unit: string, length: number) { return unit.repeat(Math.ceil(length / unit.length)).slice(0, length); }
const srt = repeatTo('12\n00:00:01,000 --> 00:00:04,000\nP07: Sixteen weeks. Nobody rang to say why, and I waited.\n\n', 300_000);
const md = '---\nparticipant: P07\nkind: interview\n---\n# Interview\n\n' + repeatTo('[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?\n**P07:** Sixteen weeks. I said to her: no, not the bathroom. Nobody rang to say why. 😀\n\n', 300_000);
const t0 = performance.now();
for (let i = 0; i < 100; i++) { parseTranscript('a.srt', srt); parseTranscript('a.md', md); }
console.log(((performance.now() - t0) / 100).toFixed(1), 'ms per srt+md');
