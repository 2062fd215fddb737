/**
 * Conformance on real transcripts nobody here wrote (../shared/fixtures/real, read where they
 * are): a Zoom text export and seven MAXQDA interview transcripts exported as PDF (their text
 * through pdftotext). Exact turn and speaker counts, exact text of chosen turns, and no word
 * lost or changed: the turns' words are the source's words, less labels and page layout.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { transcriptToMarkdown } from '../../src/core/exchange/transcript-import';
import { CodePointIndex, normalizeText } from '../../src/core/text';
import { parseTranscript, type ParsedTranscript } from '../../src/core/transcripts';
import { realFixture, realFixtureBytes, realPdfText } from '../support/real-fixtures';

function turnTexts(text: string, parsed: ParsedTranscript): string[] {
  const index = new CodePointIndex(text);
  return parsed.turns.map((t) => index.slice(t.start, t.end));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

// From the PDFs' text: the `Dan:` and `Participant:` label lines (P5 misspells one `Particpant:`),
// and the turns once page breaks inside a turn split it in pieces (one piece more per page break
// that cuts a paragraph: the pieces keep its speaker). MAXQDA's
// PDF repeats at the top of a page the line a page break cut, its label too when it had one: the
// text holds it twice, and so do the turns (words are never dropped, not even a repeat).
const expected: Record<string, { labels: Record<string, number>; turns: Record<string, number> }> = {
  P1: { labels: { Dan: 47, Participant: 47 }, turns: { Dan: 47, Participant: 48 } },
  P2: { labels: { Dan: 81, Participant: 84 }, turns: { Dan: 82, Participant: 84 } },
  P3: { labels: { Dan: 61, Participant: 61 }, turns: { Dan: 61, Participant: 62 } },
  P4: { labels: { Dan: 55, Participant: 56 }, turns: { Dan: 55, Participant: 56 } },
  P5: { labels: { Dan: 68, Participant: 67, Particpant: 1 }, turns: { Dan: 68, Participant: 68, Particpant: 1 } },
  P6: { labels: { Dan: 51, Participant: 49 }, turns: { Dan: 52, Participant: 50 } },
  P7: { labels: { Dan: 53, Participant: 53 }, turns: { Dan: 54, Participant: 54 } },
};

describe('real transcripts', () => {
  describe('Zoom text export (zoom/zoom-transcript-export.txt)', () => {
    const text = normalizeText(readFileSync(realFixture('zoom/zoom-transcript-export.txt'), 'utf8'));
    const parsed = parseTranscript('zoom-transcript-export.txt', text);

    it('has 12 turns by 2 speakers, 6 each, every one with its time', () => {
      assert.equal(parsed.turns.length, 12);
      assert.deepEqual(
        countBy(parsed.turns, (t) => t.speaker ?? '(none)'),
        { 'Johnny Doe': 6, 'Janet Dough': 6 },
      );
      assert.deepEqual(
        parsed.turns.map((t) => t.time),
        ['11:02:09', '11:02:09', '11:02:11', '11:02:13', '11:02:14', '11:02:22', '11:02:24', '11:02:27', '11:02:32', '11:02:37', '11:02:41', '11:02:44'],
      );
      assert.deepEqual(
        parsed.labels.map((l) => l.speaker),
        parsed.turns.map((t) => t.speaker),
      );
    });

    it('gives chosen turns exactly their words', () => {
      const texts = turnTexts(text, parsed);
      assert.equal(texts[1], "Hey, I'm Janet, how are you?");
      assert.equal(texts[3], "Yeah, and I did an… I hope it's okay I enable the transcript, just because, um, I'm gonna use this for an article, so sometimes I pull quotes, or…");
      assert.equal(texts[11], "I'm about 4 months in, and that's still quite a bit to, like, wrap my head around, and…");
    });

    it('loses and changes no word: the turns are the file less its [Name] hh:mm:ss headers', () => {
      const spoken = text
        .split('\n')
        .filter((line) => !/^\[[^\]]+\] \d\d:\d\d:\d\d$/.test(line))
        .join('\n');
      assert.deepEqual(words(turnTexts(text, parsed).join(' ')), words(spoken));
    });
  });

  describe('the text of a source of the NVivo project (refi/nvivo12-oltas_teszt.qdpx), imported as a transcript', () => {
    // YouTube comments, one field a line: video id, title, date, comment id, author, text, likes, date.
    // A video title written "Topic: …" ("Koronavírus: Hogyan hat …", "2025.02.11. Botka István: …") recurs
    // word for word above each of its comments: a heading, not a speaker. Nobody speaks in this file.
    const entries = unzipSync(realFixtureBytes('refi/nvivo12-oltas_teszt.qdpx'));
    const text = normalizeText(new TextDecoder().decode(entries['Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt']));
    // Lines with words, less the spaces some end with (a turn's words are written without them).
    const nonBlank = (t: string) =>
      t
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line !== '');

    it('keeps every line, the 3,816 comment dates alone on their lines included, in order', () => {
      const converted = transcriptToMarkdown(text, 'text', { sourceName: 'videos_10_selected.txt' });
      const body = converted.markdown.slice(converted.markdown.indexOf('\n---\n') + 5);
      const source = nonBlank(text);
      assert.equal(source.length, 15262);
      assert.equal(source.filter((line) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(line)).length, 3816);
      assert.deepEqual(nonBlank(body), source);
      // No speaker, so no turn: the text is kept as it is.
      assert.equal(converted.turns, 0);
      assert.equal(body.trim(), text.trim());
    });

    for (const source of ['68bbdc14-c361-4432-b4dd-ae1dbfc12890', 'ddbebe1b-306f-4271-acdd-ae1da7c06fcd']) {
      it(`reads no speaker in ${source}.txt: neither a recurring video title nor a comment opening "Word: …" once`, () => {
        const comments = normalizeText(new TextDecoder().decode(entries[`Sources/${source}.txt`]));
        const parsed = parseTranscript(`${source}.txt`, comments);
        assert.deepEqual(
          parsed.labels.map((l) => l.speaker),
          [],
        );
        assert.equal(parsed.turns.length, 0);
      });
    }
  });

  describe('MAXQDA transcripts exported as PDF (maxqda-pdf/P1.pdf … P7.pdf)', () => {
    /** The source's words as a researcher reads them: after the title, without labels, paragraph numbers and page counters. */
    function sourceWords(text: string): string[] {
      const lines = text.split('\n');
      const first = lines.findIndex((line) => line.startsWith('Dan: '));
      // A form feed starts each page; a line that is only a number (MAXQDA's paragraph numbers) or `n/m` is layout.
      const spoken = lines
        .slice(first)
        .map((line) => line.replace(/^\f/, ''))
        .filter((line) => !/^\d+$/.test(line) && !/^\d+\/\d+$/.test(line));
      return words(spoken.map((line) => line.replace(/^(?:Dan|Participant|Particpant): /, '')).join('\n'));
    }

    for (const [name, counts] of Object.entries(expected)) {
      describe(name, () => {
        const text = normalizeText(realPdfText(`maxqda-pdf/${name}.pdf`));
        const parsed = parseTranscript(`${name}.txt`, text);

        it('reads every Dan: and Participant: label as a turn, and counts turns per speaker exactly', () => {
          assert.deepEqual(
            countBy(parsed.labels, (l) => l.speaker),
            counts.labels,
          );
          assert.deepEqual(
            countBy(parsed.turns, (t) => t.speaker ?? '(none)'),
            counts.turns,
          );
        });

        it('loses and changes no word, and gives no paragraph number or page counter to a speaker', () => {
          const texts = turnTexts(text, parsed);
          assert.deepEqual(words(texts.join('\n')), sourceWords(text));
          for (const t of texts) assert.doesNotMatch(t, /(?:^|\n)\f?\d+(?:\/\d+)?(?:\n|$)/, t.slice(0, 80));
        });

        it('imports as Markdown with one turn per label and the same words', () => {
          const converted = transcriptToMarkdown(text, 'text', { sourceName: `${name}.txt` });
          const md = parseTranscript('converted.md', converted.markdown);
          assert.deepEqual(
            countBy(md.turns, (t) => t.speaker ?? '(none)'),
            counts.labels,
          );
          assert.deepEqual(words(turnTexts(converted.markdown, md).join('\n')), sourceWords(text));
          assert.equal(converted.entries, 0);
          assert.deepEqual(converted.listedSpeakers, []);
        });
      });
    }

    it('reads P1 turns exactly, a turn broken by a page continuing with the same speaker', () => {
      const text = normalizeText(realPdfText('maxqda-pdf/P1.pdf'));
      const parsed = parseTranscript('P1.txt', text);
      const texts = turnTexts(text, parsed);
      assert.equal(texts[0], "Okay. So now you can stop sharing your screen and then we'll just end up with a few questions that I have for you.");
      assert.equal(texts[1], 'Okay.');
      assert.equal(parsed.turns[0]!.speaker, 'Dan');
      const broken = texts.findIndex((t) => t.startsWith('Yeah, in the end, yes, because I found this'));
      assert.ok(texts[broken]!.endsWith('And then I was able to drill down a little bit more by highlighting those and seeing what'));
      assert.ok(texts[broken + 1]!.startsWith('that and I thought it was useful.'));
      assert.ok(texts[broken + 1]!.endsWith('so yeah highlighting was\nvery useful.'));
      assert.equal(parsed.turns[broken + 1]!.speaker, 'Participant');
    });
  });

  describe('the same MAXQDA transcripts as `pdftotext -layout` reads them (each paragraph number before its label)', () => {
    /** The turns of an import, speaker and words (whitespace aside): what a researcher codes. */
    const importedTurns = (text: string, name: string, options: { unhyphenate?: boolean } = {}) => {
      const converted = transcriptToMarkdown(text, 'text', { sourceName: `${name}.txt` });
      const md = parseTranscript('converted.md', converted.markdown);
      // pdftotext joins a word the PDF hyphenated at a line's end in reading order ("twoway"), and keeps it as printed with -layout ("two-", "way").
      const said = (t: string) => (options.unhyphenate ? t.replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2') : t);
      return { converted, turns: md.turns.map((t, i) => `${t.speaker}: ${words(said(turnTexts(converted.markdown, md)[i]!)).join(' ')}`) };
    };

    for (const [name, counts] of Object.entries(expected)) {
      it(`${name}: reads every label after its paragraph number, keeps numbers and page counters out of the turns, and imports what the reading-order text imports`, () => {
        const text = normalizeText(realPdfText(`maxqda-pdf/${name}.pdf`, { layout: true }));
        const parsed = parseTranscript(`${name}.txt`, text);
        assert.deepEqual(
          countBy(parsed.labels, (l) => l.speaker),
          counts.labels,
        );
        for (const t of turnTexts(text, parsed)) assert.doesNotMatch(t, /^\d|\n\s*\d+(?:\s+\d+\/\d+)?\s*(?:\n|$)|\d+\/\d+$/, t.slice(0, 80));
        const layout = importedTurns(text, name);
        assert.equal(
          layout.converted.turns,
          Object.values(counts.labels).reduce((a, b) => a + b, 0),
        );
        assert.deepEqual(importedTurns(text, name, { unhyphenate: true }).turns, importedTurns(normalizeText(realPdfText(`maxqda-pdf/${name}.pdf`)), name).turns);
        // The layout's indentation of a turn's later lines is not kept: no line of the Markdown starts with a blank.
        assert.doesNotMatch(layout.converted.markdown, /\n[ \t]+\S/);
      });
    }
  });
});
