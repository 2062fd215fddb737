import { speakerStartAt, labelAt } from '../../src/core/transcripts/speakers';
const lines = ['Speaker 1  12:03', 'So tell me about the rails and the wait for the fitting, and what happened next.', '', '[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?', '**P07:** Sixteen weeks. I said to her: no, not the bathroom. Nobody rang to say why. 😀', 'So tell me about the rails and the wait for the fitting, and what happened next'];
for (const l of lines) {
  for (const [name, f] of [['start', speakerStartAt], ['label', labelAt]] as const) {
    for (let i = 0; i < 20000; i++) f(l);
    const t0 = performance.now(); for (let i = 0; i < 100000; i++) f(l); const t1 = performance.now();
    console.log(name, ((t1 - t0) * 10).toFixed(0), 'ns', JSON.stringify(l.slice(0, 30)));
  }
}
