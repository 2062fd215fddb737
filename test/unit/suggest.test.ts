/**
 * "Code like this": tag suggestions for a selection and find more like this, on small studies
 * written here, with the exact tags, order and reasons expected; suggestions.yaml (turned-down
 * suggestions) read and written; an accepted suggestion's provenance on the highlight.
 */
import * as assert from 'node:assert/strict';
import { passagesOf, SuggestionIndex } from '../../src/core/assist/suggest';
import { Analyzer, detectLanguage } from '../../src/core/assist/suggest-terms';
import { readRejections, SUGGESTIONS_FILE, withRejection } from '../../src/core/assist/suggest-rejections';
import { tagSelection } from '../../src/core/store/highlights';
import { EditPlan } from '../../src/core/store/plan';
import { loadWorkspace, readText } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';

const SOURCE = 'transcripts/p01.md';
const HIGHLIGHTS = 'highlights/transcripts/p01.md.yaml';
const TRANSCRIPT = [
  'P01: I waited sixteen weeks for the grab rails to be fitted.',
  '',
  'P01: The waiting list for the stairlift was months long.',
  '',
  'P01: Nobody rang to tell me why the fitting was delayed again.',
  '',
  'P01: The stairs are steep and I cannot climb them at night.',
  '',
  'P01: My daughter helps with the shopping on Saturdays.',
  '',
  'P01: We waited weeks again for the fitter, and nobody rang.',
  '',
].join('\n');

/** Code points of a phrase of the transcript: [start, end). */
function span(phrase: string): { start: number; end: number } {
  const start = TRANSCRIPT.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

function highlight(id: string, phrase: string, tags: string[]): string {
  const { start, end } = span(phrase);
  return `  - id: ${id}\n    quote: ${JSON.stringify(phrase)}\n    prefix: ""\n    suffix: ""\n    start: ${start}\n    end: ${end}\n    tags: [${tags.join(', ')}]\n`;
}

function study(extra: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem({
    'research.yaml': 'name: Test study\nsources: [transcripts/**/*.md]\n',
    'participants.yaml': 'participants:\n  - {id: P01}\n',
    'codebook.yaml': 'tags:\n  - id: waiting-time\n    label: Waiting time\n  - id: stairs\n    label: Stairs\n  - id: family\n    label: Family\n',
    [SOURCE]: TRANSCRIPT,
    [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights:\n${highlight('h-aaaaaaa1', 'I waited sixteen weeks for the grab rails to be fitted.', ['waiting-time'])}${highlight('h-aaaaaaa2', 'The waiting list for the stairlift was months long.', ['waiting-time', 'stairs'])}${highlight('h-aaaaaaa3', 'The stairs are steep and I cannot climb them at night.', ['stairs'])}${highlight('h-aaaaaaa4', 'My daughter helps with the shopping on Saturdays.', ['family'])}`,
    ...extra,
  });
}

async function load(fs: MemoryFileSystem): Promise<Workspace> {
  return (await loadWorkspace(fs)).workspace;
}

describe('code like this: tag suggestions for a selection', () => {
  it('suggests the tags of the most similar coded passages first, each with how many passages it is like', async () => {
    const index = new SuggestionIndex().of(await load(study()));
    const got = index.suggestTags('Nobody rang to tell me why the fitting was delayed again.');
    // "fitting" stems to "fit", as "fitted" does: the first passage is the only one alike.
    assert.deepEqual(
      got.map((s) => [s.tag, s.reason, s.like.map((p) => p.id)]),
      [
        ['waiting-time', 'like 1 passage coded waiting-time', ['h-aaaaaaa1']],
        ['stairs', 'often used: 2 passages coded stairs', []],
        ['family', 'often used: 1 passage coded family', []],
      ],
    );
  });

  it('counts every alike passage of a tag in its reason, nearest first', async () => {
    const index = new SuggestionIndex().of(await load(study()));
    const got = index.suggestTags('We waited weeks again for the fitter, and nobody rang.', { limit: 2 });
    assert.deepEqual(
      got.map((s) => [s.tag, s.reason, s.like.map((p) => p.id)]),
      [
        ['waiting-time', 'like 2 passages coded waiting-time', ['h-aaaaaaa1', 'h-aaaaaaa2']],
        ['stairs', 'like 1 passage coded stairs', ['h-aaaaaaa2']],
      ],
    );
    const waiting = index.suggestTags('the waiting: I waited and waited');
    assert.deepEqual(
      waiting.map((s) => [s.tag, s.reason]),
      [
        ['waiting-time', 'like 2 passages coded waiting-time'],
        ['stairs', 'like 1 passage coded stairs'],
        ['family', 'often used: 1 passage coded family'],
      ],
    );
  });

  it('folds case and accents: CAFÉ, Café and cafe are one word', async () => {
    const fs = study();
    const text = `${TRANSCRIPT}P01: We meet at the Café every Tuesday.\n`;
    fs.write(SOURCE, text);
    const start = text.indexOf('We meet');
    fs.write(HIGHLIGHTS, `${fs.text(HIGHLIGHTS)}  - id: h-aaaaaaa5\n    quote: We meet at the Café every Tuesday.\n    prefix: ""\n    suffix: ""\n    start: ${start}\n    end: ${start + 34}\n    tags: [family]\n`);
    const index = new SuggestionIndex().of(await load(fs));
    assert.deepEqual(
      index.suggestTags('THE CAFE').map((s) => [s.tag, s.reason]),
      [
        ['family', 'like 1 passage coded family'],
        ['stairs', 'often used: 2 passages coded stairs'],
        ['waiting-time', 'often used: 2 passages coded waiting-time'],
      ],
    );
  });

  it('leaves out the tags already on the passage, its own highlight, and tags turned down for it', async () => {
    const index = new SuggestionIndex().of(await load(study()));
    const text = 'The waiting list for the stairlift was months long.';
    assert.deepEqual(
      index.suggestTags(text, { ignore: ['h-aaaaaaa2'], except: ['waiting-time'], rejected: (tag) => tag === 'family' }).map((s) => [s.tag, s.reason]),
      [['stairs', 'often used: 2 passages coded stairs']],
    );
  });

  it('follows the coding as it changes: a re-tagged passage votes for its new tag', async () => {
    const fs = study();
    const index = new SuggestionIndex().of(await load(fs));
    assert.equal(index.suggestTags('steep stairs at night')[0]!.tag, 'stairs');
    fs.write(HIGHLIGHTS, fs.text(HIGHLIGHTS)!.replace('tags: [stairs]', 'tags: [family]'));
    index.of(await load(fs));
    assert.deepEqual(
      index.suggestTags('steep stairs at night').map((s) => [s.tag, s.reason]),
      [
        ['family', 'like 1 passage coded family'],
        ['waiting-time', 'often used: 2 passages coded waiting-time'],
        ['stairs', 'often used: 1 passage coded stairs'],
      ],
    );
    assert.equal(index.size, 4);
  });

  it('suggests nothing in a study with no coded passage', async () => {
    const fs = study();
    fs.remove(HIGHLIGHTS);
    assert.deepEqual(new SuggestionIndex().of(await load(fs)).suggestTags('I waited sixteen weeks'), []);
  });
});

describe('code like this: words, stems and the language', () => {
  it('stems English words and drops stop words', () => {
    assert.deepEqual(new Analyzer('english').terms("I waited, we're WAITING; they'd wait for the fitters' visits"), ['wait', 'wait', 'wait', 'fitter', 'visit']);
  });

  it('stems Hungarian words in their own letters, then folds the accents', () => {
    assert.deepEqual(new Analyzer('hungarian').terms('Nem akarom az oltást, féltem az oltásoktól'), ['akar', 'oltas', 'felt', 'oltas']);
  });

  it('tells the language from the stop words of the text', () => {
    assert.deepEqual(detectLanguage(['Nem mertétek kötelezővé tenni? Adtam volna két oltást is, és akkor meg mi van?']), { language: 'hungarian', words: 14 });
    assert.deepEqual(detectLanguage(['I waited sixteen weeks for the grab rails to be fitted, and nobody rang.']), { language: 'english', words: 14 });
  });
});

describe('find more like this', () => {
  it('offers the uncoded passages most like a tag, each with the coded passage it is like; coded ones are left out', async () => {
    const fs = study();
    const ws = await load(fs);
    const index = new SuggestionIndex();
    const found = await index.moreLike(ws, 'waiting-time', (source) => readText(fs, source));
    assert.deepEqual(
      found.map((f) => [f.passage.text, f.passage.speaker, f.reason]),
      [
        ['We waited weeks again for the fitter, and nobody rang.', 'P01', 'like “I waited sixteen weeks for the grab rails to be fitted.” (coded waiting-time)'],
        ['Nobody rang to tell me why the fitting was delayed again.', 'P01', 'like “I waited sixteen weeks for the grab rails to be fitted.” (coded waiting-time)'],
      ],
    );
    const place = span('We waited weeks again for the fitter, and nobody rang.');
    assert.deepEqual([found[0]!.passage.start, found[0]!.passage.end], [place.start, place.end]);
  });

  it('does not offer a passage turned down for the tag', async () => {
    const fs = study();
    const found = await new SuggestionIndex().moreLike(await load(fs), 'waiting-time', (source) => readText(fs, source), { rejected: (p) => p.text.startsWith('We waited') });
    assert.deepEqual(
      found.map((f) => f.passage.text),
      ['Nobody rang to tell me why the fitting was delayed again.'],
    );
  });

  it('warmed beforehand, reads back only the transcripts of the passages it offers; a warming given up part way is resumed', async () => {
    const other = 'transcripts/p02.md';
    const fs = study({ [other]: 'P02: The ramp at the station was closed in spring.\n\nP02: My son drives me to the clinic.\n' });
    const ws = await load(fs);
    const index = new SuggestionIndex();
    const asked: string[] = [];
    const textOf = (source: string) => (asked.push(source), readText(fs, source));
    // The pause after the first transcript gives up (as the editor's background warming does when
    // the study changes); the one before it follows the coded passages' highlights file.
    let pauses = 0;
    const givenUp = await index
      .warmPassages(ws, textOf, async () => {
        if (++pauses === 2) throw new Error('superseded');
      })
      .then(
        () => false,
        () => true,
      );
    assert.equal(givenUp, true);
    await index.warmPassages(ws, textOf, () => Promise.resolve());
    // Each transcript read once: the one cut before giving up is not cut again.
    assert.deepEqual(asked.sort(), [SOURCE, other]);
    assert.equal(index.candidateCount, 8);
    asked.length = 0;
    const found = await index.moreLike(ws, 'waiting-time', textOf);
    assert.deepEqual(asked, [SOURCE]);
    assert.deepEqual(
      found.map((f) => f.passage.text),
      ['We waited weeks again for the fitter, and nobody rang.', 'Nobody rang to tell me why the fitting was delayed again.'],
    );
  });

  it('before the warming is done, ranks at once from the transcripts that hold most of the tag, then the whole study', async () => {
    const [p02, p03] = ['transcripts/p02.md', 'transcripts/p03.md'];
    const fs = study({
      [p02]: 'P02: I waited weeks for the ramp, and nobody rang to say why.\n\nP02: My son drives me to the clinic.\n',
      [p03]: 'P03: We waited sixteen weeks, nobody rang.\n',
      // One passage of p02 tagged waiting-time: p02 holds fewer of the tag's highlights than p01.
      'highlights/transcripts/p02.md.yaml': `source: ${p02}\nhighlights:\n  - id: h-bbbbbbb1\n    quote: "My son drives me to the clinic."\n    prefix: ""\n    suffix: ""\n    start: 68\n    end: 99\n    tags: [waiting-time]\n`,
    });
    const ws = await load(fs);
    const index = new SuggestionIndex();
    const asked: string[] = [];
    const textOf = (source: string) => (asked.push(source), readText(fs, source));
    const first = await index.moreLikeFirst(ws, 'waiting-time', textOf, { firstTranscripts: 1 });
    // Only p01 (two of the tag's highlights) was read: not p02 (one), not p03 (none).
    assert.deepEqual(asked, [SOURCE, SOURCE]);
    assert.equal(first.complete, false);
    assert.deepEqual(
      first.found.map((f) => f.passage.text),
      ['We waited weeks again for the fitter, and nobody rang.', 'Nobody rang to tell me why the fitting was delayed again.'],
    );
    // Then the whole study, without cutting p01 again.
    asked.length = 0;
    const all = await index.moreLike(ws, 'waiting-time', textOf);
    assert.deepEqual(asked.slice(0, 2).sort(), [p02, p03]);
    assert.deepEqual(
      all.map((f) => f.passage.text),
      ['We waited sixteen weeks, nobody rang.', 'We waited weeks again for the fitter, and nobody rang.', 'I waited weeks for the ramp, and nobody rang to say why.', 'Nobody rang to tell me why the fitting was delayed again.'],
    );
    // Once every transcript is cut, the first call is the whole study's.
    const again = await index.moreLikeFirst(ws, 'waiting-time', textOf, { firstTranscripts: 1 });
    assert.deepEqual([again.complete, again.found.map((f) => f.passage.text)], [true, all.map((f) => f.passage.text)]);
  });

  it('with the best passages turned down, still offers as many as asked from those ranked after them', async () => {
    const fs = study();
    const found = await new SuggestionIndex().moreLike(await load(fs), 'waiting-time', (source) => readText(fs, source), { limit: 1, rejected: (p) => p.text.startsWith('We waited') });
    assert.deepEqual(
      found.map((f) => f.passage.text),
      ['Nobody rang to tell me why the fitting was delayed again.'],
    );
  });

  it('after a transcript changes, offers what an index made afresh offers (its passages cut again, their rows reused)', async () => {
    const other = 'transcripts/p02.md';
    const fs = study({ [other]: 'P02: The ramp at the station was closed in spring.\n\nP02: My son drives me to the clinic.\n' });
    const index = new SuggestionIndex();
    const textOf = (source: string) => readText(fs, source);
    await index.warmPassages(await load(fs), textOf, () => Promise.resolve());
    assert.equal(index.candidateCount, 8);
    // p02 cut again with three turns: two freed rows reused, one new.
    fs.write(other, 'P02: We waited weeks for the ramp; nobody rang.\n\nP02: My son drives me to the clinic.\n\nP02: The fitter came at night, months late.\n');
    const changed = await load(fs);
    const found = await index.moreLike(changed, 'waiting-time', textOf);
    const fresh = await new SuggestionIndex().moreLike(changed, 'waiting-time', textOf);
    assert.equal(index.candidateCount, 9);
    assert.deepEqual(found, fresh);
    assert.deepEqual(
      found.map((f) => [f.passage.source, f.passage.text]),
      [
        [SOURCE, 'We waited weeks again for the fitter, and nobody rang.'],
        [other, 'We waited weeks for the ramp; nobody rang.'],
        [SOURCE, 'Nobody rang to tell me why the fitting was delayed again.'],
        [other, 'The fitter came at night, months late.'],
      ],
    );
  });

  it('offers passages of equal score in the order of their transcript and place as text ("#109-…" before "#50-…")', async () => {
    const twin = 'P: We waited weeks again for the fitter, and nobody rang.\n\n';
    const p2 = 'transcripts/p2.md';
    const fs = study({ [p2]: `P: My son drives me to the clinic on Sundays.\n\n${twin}${twin}` });
    const found = await new SuggestionIndex().moreLike(await load(fs), 'waiting-time', (source) => readText(fs, source));
    const twins = found.filter((f) => f.passage.source === p2);
    assert.deepEqual(
      twins.map((f) => f.passage.start),
      [109, 50],
    );
    assert.equal(twins[0]!.score, twins[1]!.score);
    assert.equal(found.indexOf(twins[1]!), found.indexOf(twins[0]!) + 1);
  });

  it('finds nothing for a tag with no coded passage', async () => {
    const fs = study();
    assert.deepEqual(await new SuggestionIndex().moreLike(await load(fs), 'unused', (source) => readText(fs, source)), []);
  });

  it('offers a long turn a few sentences at a time', () => {
    const sentence = (i: number) => `Sentence ${i} has exactly seven words here.`;
    const text = `P01: ${Array.from({ length: 15 }, (_, i) => sentence(i + 1)).join(' ')}\n`;
    const passages = passagesOf({ path: SOURCE, turns: [{ start: 5, end: [...text].length - 1, speaker: 'P01' }] }, text);
    // 105 words: more than 80, so cut into sentences of up to 50 words: 7 + 7 + 1.
    assert.deepEqual(
      passages.map((p) => p.text.split(' ').length),
      [49, 49, 7],
    );
    assert.equal(passages[0]!.text, Array.from({ length: 7 }, (_, i) => sentence(i + 1)).join(' '));
    assert.equal([...text].slice(passages[2]!.start, passages[2]!.end).join(''), sentence(15));
  });
});

describe('suggestions.yaml: suggestions turned down', () => {
  it('is created with a header saying what it is, then appended to with comments kept', () => {
    const first = withRejection(undefined, { tag: 'waiting-time', source: SOURCE, quote: 'My daughter helps with the shopping on Saturdays.', by: 'researcher-1' });
    assert.equal(
      first,
      '# Suggestions turned down: Sift does not offer these tags for these passages again.\n\nrejected:\n  - tag: waiting-time\n    source: transcripts/p01.md\n    quote: My daughter helps with the shopping on Saturdays.\n    by: researcher-1\n',
    );
    const commented = first!.replace('rejected:\n', 'rejected:\n  # looked at in the team review, 3 March\n');
    const second = withRejection(commented, { tag: 'stairs', source: SOURCE, quote: 'Nobody rang: "why?"' });
    assert.equal(
      second,
      '# Suggestions turned down: Sift does not offer these tags for these passages again.\n\nrejected:\n  # looked at in the team review, 3 March\n  - tag: waiting-time\n    source: transcripts/p01.md\n    quote: My daughter helps with the shopping on Saturdays.\n    by: researcher-1\n  - tag: stairs\n    source: transcripts/p01.md\n    quote: \'Nobody rang: "why?"\'\n',
    );
    const { rejections, problems } = readRejections(second);
    assert.deepEqual(problems, []);
    assert.equal(rejections.has(SOURCE, 'Nobody   rang: "why?"', 'stairs'), true, 'the same words, whatever the spacing');
    assert.equal(rejections.has(SOURCE, 'Nobody rang: "why?"', 'waiting-time'), false);
    assert.equal(withRejection(second, { tag: 'stairs', source: SOURCE, quote: 'Nobody rang: "why?"' }), undefined, 'already there: nothing to write');
  });

  it('reports a file that does not parse, with its line, and writes nothing to it', () => {
    const broken = 'rejected:\n  - tag: stairs\n    source: [unclosed\n';
    const { rejections, problems } = readRejections(broken);
    assert.equal(rejections.entries.length, 0);
    assert.deepEqual(
      problems.map((p) => [p.path, p.line, p.severity]),
      [[SUGGESTIONS_FILE, 4, 'error']],
    );
    assert.match(problems[0]!.message, /^suggestions\.yaml is not valid YAML: .* Sift reads no turned-down suggestions from it and will not write to it until it is fixed\.$/);
    assert.equal(withRejection(broken, { tag: 'family', source: SOURCE, quote: 'x' }), undefined);
  });

  it('ignores an entry without tag, source or quote, with a warning at its line', () => {
    const { rejections, problems } = readRejections('rejected:\n  - tag: stairs\n    source: a.md\n  - tag: family\n    source: a.md\n    quote: words\n');
    assert.deepEqual(rejections.entries, [{ tag: 'family', source: 'a.md', quote: 'words' }]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.message]),
      [[2, 'warning', 'An entry of suggestions.yaml needs tag, source and quote (each a text); this one is ignored.']],
    );
  });
});

describe('an accepted suggestion on the highlight', () => {
  it('writes assisted: by and rule on the new highlight', async () => {
    const fs = study();
    const ws = await load(fs);
    const plan = new EditPlan(fs, ws.versions);
    const { start, end } = span('We waited weeks again for the fitter, and nobody rang.');
    let n = 0;
    const id = await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end, tags: ['waiting-time'], assisted: { by: 'suggestion', rule: 'like 3 passages coded waiting-time' } }, () => (n++ % 32) / 32);
    await fs.apply(plan.result().edits);
    const text = fs.text(HIGHLIGHTS)!;
    assert.ok(
      text.endsWith(
        `  - id: ${id}\n    quote: We waited weeks again for the fitter, and nobody rang.\n    prefix: "he shopping on Saturdays.\\n\\nP01: "\n    suffix: "\\n"\n    start: ${start}\n    end: ${end}\n    tags: [waiting-time]\n    speaker: P01\n    assisted:\n      by: suggestion\n      rule: "like 3 passages coded waiting-time"\n`,
      ),
      text,
    );
    const again = await load(fs);
    assert.deepEqual(again.problems, []);
    assert.deepEqual([...again.highlightFiles.values()][0]!.highlights.find((h) => h.id === id)!.assisted, { by: 'suggestion', rule: 'like 3 passages coded waiting-time' });
  });

  /** Tags the passage of h-aaaaaaa3 (coded `stairs` by hand), then reloads: the id tagged, and the highlights at that span, hand coding first. */
  async function tagSpanOfHandCoding(selection: { tags: string[]; assisted?: { by: 'suggestion' | 'autocode'; rule: string }; suggested?: { tags: string[]; assisted: { by: 'suggestion' | 'autocode'; rule: string } } }, fs = study()) {
    const ws = await load(fs);
    const plan = new EditPlan(fs, ws.versions);
    const { start, end } = span('The stairs are steep and I cannot climb them at night.');
    let n = 0;
    const id = await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end, ...selection }, () => (n++ % 32) / 32);
    await fs.apply(plan.result().edits);
    const again = await load(fs);
    assert.deepEqual(again.problems, []);
    return {
      id,
      fs,
      atSpan: again.highlightFiles
        .get(HIGHLIGHTS)!
        .highlights.filter((h) => h.start === start && h.end === end)
        .sort((a, b) => Number(a.assisted !== undefined) - Number(b.assisted !== undefined)) // hand coding first; the file keeps text order
        .map(({ id, tags, assisted }) => ({ id, tags, ...(assisted ? { assisted } : {}) })),
    };
  }

  it('a suggested tag at the span of a hand-coded highlight is recorded as assisted, and the hand coding stays hand coding', async () => {
    const rule = 'like 2 passages coded waiting-time';
    const { id, atSpan } = await tagSpanOfHandCoding({ tags: ['waiting-time'], assisted: { by: 'suggestion', rule } });
    assert.notEqual(id, 'h-aaaaaaa3');
    assert.deepEqual(atSpan, [
      { id: 'h-aaaaaaa3', tags: ['stairs'] },
      { id, tags: ['waiting-time'], assisted: { by: 'suggestion', rule } },
    ]);
  });

  it('tags of the same provenance at the same span go on one highlight: hand on hand, the same rule on its own', async () => {
    const hand = await tagSpanOfHandCoding({ tags: ['family'] });
    assert.equal(hand.id, 'h-aaaaaaa3');
    assert.deepEqual(hand.atSpan, [{ id: 'h-aaaaaaa3', tags: ['stairs', 'family'] }]);
    const rule = 'like 2 passages coded waiting-time';
    const first = await tagSpanOfHandCoding({ tags: ['waiting-time'], assisted: { by: 'suggestion', rule } });
    const again = await tagSpanOfHandCoding({ tags: ['family'], assisted: { by: 'suggestion', rule } }, first.fs);
    assert.equal(again.id, first.id);
    // A hand tag at a span coded by a suggestion goes on the hand-coded highlight, not the assisted one.
    const byHand = await tagSpanOfHandCoding({ tags: ['family'] }, first.fs);
    assert.equal(byHand.id, 'h-aaaaaaa3');
    assert.deepEqual(byHand.atSpan, [
      { id: 'h-aaaaaaa3', tags: ['stairs', 'family'] },
      { id: first.id, tags: ['waiting-time', 'family'], assisted: { by: 'suggestion', rule } },
    ]);
  });

  describe('suggested tags picked together with hand tags in one go', () => {
    const rule = 'like 2 passages coded waiting-time';
    const suggested = { tags: ['waiting-time'], assisted: { by: 'suggestion' as const, rule } };

    it('at the span of a hand-coded highlight: the hand tag joins it, the suggested tag gets an assisted highlight of its own', async () => {
      const { id, atSpan } = await tagSpanOfHandCoding({ tags: ['family'], suggested });
      assert.equal(id, 'h-aaaaaaa3');
      assert.equal(atSpan.length, 2);
      assert.deepEqual(atSpan[0], { id: 'h-aaaaaaa3', tags: ['stairs', 'family'] });
      assert.deepEqual({ ...atSpan[1], id: undefined }, { id: undefined, tags: ['waiting-time'], assisted: { by: 'suggestion', rule } });
    });

    it('at an uncoded span: one hand-coded highlight and one assisted, written in one change', async () => {
      const fs = study();
      const ws = await load(fs);
      const plan = new EditPlan(fs, ws.versions);
      const { start, end } = span('Nobody rang to tell me why the fitting was delayed again.');
      let n = 0;
      const id = await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end, tags: ['family', 'stairs'], coder: 'r1', suggested }, () => (n++ % 32) / 32);
      const { edits, problems } = plan.result();
      assert.deepEqual(problems, []);
      assert.deepEqual(
        edits.map((e) => e.path),
        [HIGHLIGHTS],
      );
      await fs.apply(edits);
      const atSpan = (await load(fs)).highlightFiles.get(HIGHLIGHTS)!.highlights.filter((h) => h.start === start && h.end === end);
      assert.deepEqual(
        atSpan.map(({ tags, coder, assisted }) => ({ tags, coder, assisted })).sort((a, b) => Number(a.assisted !== undefined) - Number(b.assisted !== undefined)),
        [
          { tags: ['family', 'stairs'], coder: 'r1', assisted: undefined },
          { tags: ['waiting-time'], coder: 'r1', assisted: { by: 'suggestion', rule } },
        ],
      );
      assert.equal(atSpan.find((h) => !h.assisted)!.id, id);
      assert.equal(new Set(atSpan.map((h) => h.id)).size, 2);
    });

    it('in a transcript without a highlights file yet: the new file holds both highlights', async () => {
      const other = 'transcripts/p02.md';
      const text = 'P02: The ramp at the station was closed for a month.\n';
      const fs = study({ [other]: text });
      const ws = await load(fs);
      const plan = new EditPlan(fs, ws.versions);
      const words = 'The ramp at the station was closed for a month.';
      const start = text.indexOf(words);
      let n = 0;
      await tagSelection(plan, ws, text, { source: other, start, end: start + words.length, tags: ['stairs'], suggested }, () => (n++ % 32) / 32);
      assert.deepEqual(plan.result().problems, []);
      await fs.apply(plan.result().edits);
      const file = (await load(fs)).highlightFiles.get('highlights/transcripts/p02.md.yaml')!;
      assert.deepEqual(
        file.highlights.map(({ quote, tags, assisted }) => ({ quote, tags, assisted })).sort((a, b) => Number(a.assisted !== undefined) - Number(b.assisted !== undefined)),
        [
          { quote: words, tags: ['stairs'], assisted: undefined },
          { quote: words, tags: ['waiting-time'], assisted: { by: 'suggestion', rule } },
        ],
      );
    });

    it('with only suggested tags picked, the one highlight is assisted', async () => {
      const { id, atSpan } = await tagSpanOfHandCoding({ tags: [], suggested });
      assert.notEqual(id, 'h-aaaaaaa3');
      assert.deepEqual(atSpan, [
        { id: 'h-aaaaaaa3', tags: ['stairs'] },
        { id, tags: ['waiting-time'], assisted: { by: 'suggestion', rule } },
      ]);
    });
  });
});
