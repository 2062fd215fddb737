/**
 * Synthetic interview transcripts in the four formats Sift reads (Markdown with front
 * matter and `P0123:` / `Interviewer:` turns, WebVTT, SRT, Otter-style plain text), plus
 * where each participant word sits, so the generator can place highlights on whole words
 * inside one turn or cue, as a researcher selecting a passage would.
 */
import { Picker, ZipfSampler } from './sampling';
import { NOTE_OPENERS, RECURRING_PHRASES } from './vocabulary';

export type Format = 'md' | 'vtt' | 'srt' | 'txt';

/** A run of a participant's words inside one turn (or cue), as UTF-16 spans of the file. */
export interface QuotableRun {
  /** `[start, end)` of each word, trailing punctuation included. */
  words: [number, number][];
}

export interface RenderedTranscript {
  text: string;
  runs: QuotableRun[];
  wordCount: number;
}

interface Block {
  speaker: string;
  /** Media time in seconds where the block starts. */
  seconds: number;
  speech: string;
}

/** Makes sentences of Zipf-distributed words, with recurring phrases mixed in. */
export class Speech {
  private readonly words: ZipfSampler<string>;

  constructor(
    private readonly picker: Picker,
    vocabulary: readonly string[],
  ) {
    this.words = new ZipfSampler(vocabulary, 1.1);
  }

  sentence(question = false): string {
    const p = this.picker;
    const words: string[] = [];
    const length = p.int(5, 20);
    while (words.length < length) {
      if (p.chance(0.04)) words.push(...p.one(RECURRING_PHRASES).split(' '));
      else words.push(this.words.draw(p.random));
      if (words.length > 2 && p.chance(0.08)) words[words.length - 1] += ',';
    }
    const last = words.length - 1;
    words[last] = words[last]!.replace(/,$/, '') + (question ? '?' : p.one(['.', '.', '.', '.', '.', '.', '?', '!', '...']));
    words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
    return words.join(' ');
  }

  sentences(min: number, max: number, question = false): string {
    const out: string[] = [];
    const count = this.picker.int(min, max);
    for (let i = 0; i < count; i++) out.push(this.sentence(question && i === count - 1));
    return out.join(' ');
  }

  /** A researcher's memo on a highlight. */
  note(participantIds: readonly string[]): string {
    const p = this.picker;
    return `${p.one(NOTE_OPENERS)} ${p.one(participantIds)}: ${this.sentences(1, 2)}`;
  }
}

/**
 * One interview of about `targetWords` words: short interviewer questions, longer answers.
 * Caption formats split answers into cues of a few sentences, as captioning tools do.
 */
export function renderTranscript(format: Format, participant: string, meta: { date: string; title: string }, speech: Speech, picker: Picker, targetWords: number): RenderedTranscript {
  const blocks: Block[] = [];
  let seconds = picker.int(1, 5);
  let words = 0;
  const push = (speaker: string, text: string) => {
    blocks.push({ speaker, seconds, speech: text });
    const count = text.split(' ').length;
    words += count;
    seconds += Math.round(count * 0.4) + picker.int(1, 4);
  };
  const captions = format === 'vtt' || format === 'srt';
  while (words < targetWords) {
    push('Interviewer', speech.sentences(1, 2, true));
    const answerSentences = picker.int(2, 9);
    if (!captions) push(participant, speech.sentences(answerSentences, answerSentences));
    else
      for (let left = answerSentences; left > 0;) {
        const cue = Math.min(left, picker.int(2, 4));
        push(participant, speech.sentences(cue, cue));
        left -= cue;
      }
  }
  return render(format, participant, meta, blocks, words);
}

function render(format: Format, participant: string, meta: { date: string; title: string }, blocks: Block[], wordCount: number): RenderedTranscript {
  let text = '';
  const runs: QuotableRun[] = [];
  /** Appends a block's speech, noting where its words are when a participant speaks. */
  const speak = (block: Block) => {
    if (block.speaker === participant) runs.push({ words: wordSpans(block.speech, text.length) });
    text += block.speech;
  };
  if (format === 'md') {
    text += `---\nparticipant: ${participant}\ndate: ${meta.date}\nkind: interview\ntitle: ${meta.title}\n---\n`;
    blocks.forEach((block, i) => {
      // A heading now and then, as researchers split long interviews into parts.
      if (i > 0 && i % 40 === 0) text += `\n## Part ${i / 40 + 1}\n`;
      text += `\n${block.speaker}: `;
      speak(block);
      text += '\n';
    });
  } else if (format === 'txt') {
    blocks.forEach((block, i) => {
      text += `${i > 0 ? '\n' : ''}${block.speaker}  ${otterClock(block.seconds)}\n`;
      speak(block);
      text += '\n';
    });
  } else {
    if (format === 'vtt') text += 'WEBVTT\n';
    blocks.forEach((block, i) => {
      const end = (blocks[i + 1]?.seconds ?? block.seconds + 5) - 0.5;
      const timing = `${captionClock(block.seconds, format)} --> ${captionClock(end, format)}`;
      text += `${format === 'vtt' || i > 0 ? '\n' : ''}${i + 1}\n${timing}\n`;
      text += format === 'vtt' ? `<v ${block.speaker}>` : `${block.speaker}: `;
      speak(block);
      text += format === 'vtt' ? '</v>\n' : '\n';
    });
  }
  return { text, runs, wordCount };
}

function wordSpans(speech: string, offset: number): [number, number][] {
  const spans: [number, number][] = [];
  const word = /\S+/g;
  for (let m = word.exec(speech); m; m = word.exec(speech)) spans.push([offset + m.index, offset + m.index + m[0].length]);
  return spans;
}

function two(n: number): string {
  return String(Math.floor(n)).padStart(2, '0');
}

/** Otter writes `m:ss` under an hour and `h:mm:ss` after. */
function otterClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

function captionClock(seconds: number, format: 'vtt' | 'srt'): string {
  const ms = String(Math.round((seconds % 1) * 1000)).padStart(3, '0');
  const whole = Math.floor(seconds);
  return `${two(whole / 3600)}:${two((whole % 3600) / 60)}:${two(whole % 60)}${format === 'vtt' ? '.' : ','}${ms}`;
}
