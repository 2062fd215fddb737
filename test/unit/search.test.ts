import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FullTextIndex, matchRanges, parseQuery, searchDocOf, tokenize, type SearchDoc, type SearchOptions } from '../../src/core/search/fulltext';
import { foldKeepingOffsets, NameSearch, personaNames, tagNames, themeNames } from '../../src/core/search/names';
import type { Persona, Tag, Theme } from '../../src/core/model';

const doc = (id: string, quote: string, more: Partial<SearchDoc> = {}): SearchDoc => ({ id, source: 'transcripts/p01.md', quote, tags: [], ...more });

/** Ids of all hits, best first. */
const ids = (index: FullTextIndex, query: string, options: SearchOptions = {}): string[] => index.search(query, { limit: Infinity, ...options }).hits.map((h) => h.id);
const sorted = (a: string[]): string[] => [...a].sort();

describe('search: tokens and queries', () => {
  it('folds case, accents and compatibility forms, on letters and digits', () => {
    assert.deepEqual(tokenize('Café CAFE e\u0301te\u0301 ﬁne Straße P07.md don’t'), ['cafe', 'cafe', 'ete', 'fine', 'strasse', 'p07', 'md', 'don', 't']);
    assert.deepEqual(tokenize('co\u00ADoperate'), ['cooperate'], 'a soft hyphen does not split a word');
    assert.deepEqual(tokenize('東京に行く'), ['東', '京', 'に', '行', 'く'], 'CJK characters are tokens of their own');
    assert.deepEqual(tokenize(' -- ... '), []);
  });

  it('parses words, phrases, tags and exclusions; the word being typed is a prefix', () => {
    const q = parseQuery('waiting "long time" -bad -"not this" tag:Waiting-Time -tag:old wai');
    assert.deepEqual(q.include, [
      { tokens: ['waiting'], prefix: false },
      { tokens: ['long', 'time'], prefix: false },
      { tokens: ['wai'], prefix: true },
    ]);
    assert.deepEqual(q.exclude, [
      { tokens: ['bad'], prefix: false },
      { tokens: ['not', 'this'], prefix: false },
    ]);
    assert.deepEqual([q.tags, q.excludeTags], [['waiting-time'], ['old']]);
  });

  it('ends the prefix at a space or a closing quote, and keeps it in an unclosed phrase', () => {
    assert.equal(parseQuery('wait ').include[0]!.prefix, false);
    assert.equal(parseQuery('"wait"').include[0]!.prefix, false);
    assert.deepEqual(parseQuery('"waiting ti').include, [{ tokens: ['waiting', 'ti'], prefix: true }]);
    assert.equal(parseQuery('-wai').exclude[0]!.prefix, false, 'exclusions are whole words');
  });

  it('reads a word with inner punctuation as a phrase and ignores empty parts', () => {
    assert.deepEqual(parseQuery("don't ").include, [{ tokens: ['don', 't'], prefix: false }]);
    assert.deepEqual(parseQuery(' - tag: "" !!! '), { include: [], exclude: [], tags: [], excludeTags: [], fields: [], errors: ['tag: needs a value, e.g. tag:waiting-time.'] });
  });
});

describe('search: full-text index', () => {
  it('the document of a highlight labels its known tags only, and has no labels without tags', () => {
    const labels = new Map([['waiting-time', 'Waiting time']]);
    const label = (id: string) => labels.get(id);
    const highlight = { id: 'h1', quote: 'We waited.', prefix: '', suffix: '', start: 0, end: 10, tags: ['waiting-time', 'gone'] };
    assert.deepEqual(searchDocOf(highlight, 'transcripts/p01.md', label).tagLabels, ['Waiting time']);
    assert.deepEqual(searchDocOf({ ...highlight, tags: ['waiting-time'] }, 'transcripts/p01.md', label).tagLabels, ['Waiting time']);
    assert.equal(searchDocOf({ ...highlight, tags: [] }, 'transcripts/p01.md', label).tagLabels, undefined);
    const index = new FullTextIndex([searchDocOf(highlight, 'transcripts/p01.md', label), searchDocOf({ ...highlight, id: 'h2', tags: [] }, 'transcripts/p01.md', label)]);
    assert.deepEqual(ids(index, 'waiting time'), ['h1']);
  });

  const corpus = (): FullTextIndex =>
    new FullTextIndex([
      doc('h1', 'The waiting time was far too long.', { tags: ['waiting-time'], tagLabels: ['Waiting time'], speaker: 'Maria' }),
      doc('h2', 'I waited, and the time went by.', { note: 'long wait for the OT', tags: ['access'] }),
      doc('h3', 'We met at the café near the clinic.', { tags: ['places'], source: 'transcripts/p07.md' }),
      doc('h4', 'Timeline of the adaptations was unclear.', { tags: ['waiting-for-assessment'] }),
      doc('h5', 'Nothing about that here.', { speaker: 'Interviewer' }),
    ]);

  it('requires every word (AND)', () => {
    const index = corpus();
    assert.deepEqual(sorted(ids(index, 'the time ')), ['h1', 'h2']);
    assert.deepEqual(ids(index, 'waiting long '), ['h1']);
    assert.deepEqual(ids(index, 'café waiting '), []);
  });

  it('matches the last word as a prefix, and the others as whole words', () => {
    const index = corpus();
    assert.deepEqual(sorted(ids(index, 'wait')), ['h1', 'h2', 'h4']);
    assert.deepEqual(ids(index, 'wait '), ['h2'], 'a space ends the word (the note has "wait")');
    assert.deepEqual(ids(index, 'wai the'), []);
    assert.deepEqual(sorted(ids(index, 'the tim')), ['h1', 'h2', 'h4']);
  });

  it('matches phrases only as adjacent words, across punctuation but not across fields', () => {
    const index = corpus();
    assert.deepEqual(ids(index, '"waiting time"'), ['h1']);
    assert.deepEqual(ids(index, '"time waiting"'), []);
    assert.deepEqual(ids(index, '"waited and"'), ['h2'], 'the comma between them does not matter');
    assert.deepEqual(ids(index, '"long wait for"'), ['h2'], 'phrases are found in notes too');
    assert.deepEqual(ids(index, '"went by long"'), [], 'but no phrase runs from the quote into the note');
    assert.deepEqual(ids(index, '"the ti'), ['h2'], 'an unclosed phrase is being typed: its last word is a prefix');
  });

  it('filters by tag id, with descendants when the caller knows them', () => {
    const index = corpus();
    assert.deepEqual(ids(index, 'tag:waiting-time'), ['h1']);
    assert.deepEqual(ids(index, 'tag:WAITING-TIME the'), ['h1']);
    assert.deepEqual(ids(index, 'tag:waiting'), [], 'a tag id matches whole');
    const children: Record<string, string[]> = { waiting: ['waiting-time', 'waiting-for-assessment'] };
    assert.deepEqual(sorted(ids(index, 'tag:waiting', { descendantsOf: (t) => children[t] ?? [] })), ['h1', 'h4']);
    assert.deepEqual(ids(index, 'tag:waiting -tag:waiting-time', { descendantsOf: (t) => children[t] ?? [] }), ['h4']);
  });

  it('excludes words and phrases', () => {
    const index = corpus();
    assert.deepEqual(sorted(ids(index, 'the -café')), ['h1', 'h2', 'h4']);
    assert.deepEqual(ids(index, 'the -"waiting time" -cafe -timeline'), ['h2']);
    assert.deepEqual(sorted(ids(index, '-the')), ['h5'], 'only exclusions: everything else');
  });

  it('ignores accents and case both ways', () => {
    const index = corpus();
    assert.deepEqual(ids(index, 'cafe'), ['h3']);
    assert.deepEqual(ids(index, 'CAFÉ'), ['h3']);
    const decomposed = new FullTextIndex([doc('d', 'Zoe\u0308 said re\u0301sume\u0301')]);
    assert.deepEqual(ids(decomposed, 'zoë résumé'), ['d']);
  });

  it('searches tag ids and labels, speaker and source path', () => {
    const index = corpus();
    assert.deepEqual(ids(index, 'assessment'), ['h4'], 'tag id');
    assert.deepEqual(ids(index, 'maria'), ['h1'], 'speaker');
    assert.deepEqual(ids(index, 'p07'), ['h3'], 'source path');
    assert.deepEqual(ids(index, 'interviewer'), ['h5']);
  });

  it('ranks quote matches above note matches, whole words above prefixes, early above late', () => {
    const index = new FullTextIndex([doc('note-only', 'Something else entirely.', { note: 'about waiting' }), doc('late', 'And then, after all that, waiting.'), doc('prefix', 'Waitingroom chairs.'), doc('early', 'Waiting is the worst.')]);
    assert.deepEqual(ids(index, 'waiting'), ['early', 'late', 'prefix', 'note-only']);
    const [first, , , last] = index.search('waiting').hits;
    assert.ok(first!.score > last!.score);
  });

  it('gives the ids of every match, unranked, for a filter: the same documents as the hits', () => {
    const index = new FullTextIndex([
      doc('h1', 'We waited for weeks', { tags: ['waiting'], speaker: 'P01' }),
      doc('h2', 'The wait was long', { tags: ['waiting-phone'] }),
      doc('h3', 'Nobody rang back', { tags: ['calls'], note: 'waited' }),
      doc('h4', 'waiting, waiting, waiting', { tags: [] }),
    ]);
    const descendantsOf = (tag: string) => (tag === 'waiting' ? ['waiting', 'waiting-phone'] : [tag]);
    for (const query of ['wait', 'waited ', '-nobody wai', 'tag:waiting', 'tag:waiting -"was long"', 'rang -tag:calls', '']) {
      assert.deepEqual(sorted([...index.matchingIds(query, { descendantsOf })]), sorted(ids(index, query, { descendantsOf })), query);
    }
    assert.deepEqual([...index.matchingIds('wai', { accept: (d) => d.speaker === 'P01' })], ['h1']);
    assert.deepEqual(sorted([...index.matchingIds('wai')]), ['h1', 'h2', 'h3', 'h4']);
  });

  it('says, rather than answers wrongly, when many matches are asked about after the index changed; a few stand', () => {
    const index = new FullTextIndex([doc('h1', 'We waited for weeks'), doc('h2', 'We rang back'), doc('h3', 'We wrote'), ...Array.from({ length: 13 }, (_, i) => doc(`o${i}`, 'other words'))]);
    const many = index.matchingIds('we ');
    const few = index.matchingIds('waited');
    assert.deepEqual([many.size, few.size], [3, 1]);
    for (const matches of [many, few]) {
      assert.equal(matches.has('h1'), true);
      assert.equal(matches.has('o1'), false);
      assert.equal(matches.has('h9'), false, 'an id the index does not hold');
    }
    assert.equal(many.has('h2'), true);
    index.update(doc('h2', 'Then we waited too'));
    assert.throws(() => many.has('h1'), /changed since these matches were made/);
    assert.throws(() => [...many], /changed since these matches were made/);
    assert.deepEqual([few.has('h1'), few.has('h2'), [...few]], [true, false, ['h1']], 'one in sixteen: its ids are kept, as matched');
    assert.deepEqual(sorted([...index.matchingIds('waited')]), ['h1', 'h2'], 'matched again: the change is in');
  });

  it('matches phrases up to the last unsaturated position of a field, whichever of their words is rarer', () => {
    // One quote of 16,390 distinct words: positions saturate at 16,383, so adjacency is known up to there.
    const long = Array.from({ length: 16_390 }, (_, i) => `w${i}`).join(' ');
    // Other quotes make some of the words common, so a phrase starts from its rarer word either way round.
    const common = (word: string) => Array.from({ length: 40 }, (_, i) => doc(`${word}-${i}`, `${word} and more`));
    const index = new FullTextIndex([doc('long', long), ...common('w16381'), ...common('w16383'), doc('near', 'w16382 w16383 together')]);
    const found = (phrase: string) => sorted(ids(index, phrase));
    assert.deepEqual(found('"w16380 w16381"'), ['long'], 'common second word');
    assert.deepEqual(found('"w16381 w16382"'), ['long'], 'common first word');
    assert.deepEqual(found('"w16380 w16381 w16382"'), ['long'], 'common middle word, ending at the last unsaturated position');
    assert.deepEqual(found('"w16382 w16383"'), ['near'], 'the second word in the long quote is at the saturated position');
    assert.deepEqual(found('"w16383 w16384"'), [], 'both saturated');
    assert.deepEqual(found('"w16382 w1638'), ['near'], 'the last word being typed');
    assert.deepEqual(found('"w0 w1 w2 w3"'), ['long']);
    assert.deepEqual(found('"w1 w0"'), [], 'in order only');
    index.update(doc('w16381-0', 'w16380 w16381 w16382 appended'));
    index.update(doc('near', 'w16381 w16382'));
    assert.deepEqual(found('"w16380 w16381 w16382"'), ['long', 'w16381-0'], 'found in the appended part too');
    assert.deepEqual(found('"w16381 w16382"'), ['long', 'near', 'w16381-0']);
    index.compact();
    assert.deepEqual(found('"w16381 w16382"'), ['long', 'near', 'w16381-0'], 'and after a compaction');
  });

  it('limits the hits but counts them all', () => {
    const index = new FullTextIndex(Array.from({ length: 30 }, (_, i) => doc(`h${i}`, `Quote number ${i} about waiting`)));
    const result = index.search('waiting', { limit: 5 });
    assert.equal(result.hits.length, 5);
    assert.equal(result.total, 30);
    assert.deepEqual(
      result.hits.map((h) => h.id),
      ['h0', 'h1', 'h2', 'h3', 'h4'],
      'ties keep the order added',
    );
    assert.deepEqual(index.search('').hits, []);
  });

  it('gives match ranges in the quote as UTF-16 offsets', () => {
    const quote = '🙂 The Café — waiting, WAITING time; e\u0301te\u0301!';
    const index = new FullTextIndex([doc('h', quote)]);
    const ranges = (q: string) => index.search(q).hits[0]!.ranges.map(([s, e]) => quote.slice(s, e));
    assert.deepEqual(ranges('cafe'), ['Café']);
    assert.deepEqual(ranges('caf'), ['Caf']);
    assert.deepEqual(ranges('wait'), ['wait', 'WAIT']);
    assert.deepEqual(ranges('"waiting time"'), ['WAITING time']);
    assert.deepEqual(ranges('time waiting '), ['waiting', 'WAITING', 'time']);
    assert.deepEqual(ranges('"waiting time" time'), ['WAITING time'], 'overlapping spans merge');
    assert.deepEqual(ranges('ete'), ['e\u0301te\u0301']);
    assert.deepEqual(ranges('et'), ['e\u0301t'], 'a prefix keeps the accent of its last letter');
    assert.deepEqual(index.search('cafe').hits[0]!.ranges, [[7, 11]]);
  });

  it('computes ranges in notes too, from the query it returns', () => {
    const index = new FullTextIndex([doc('h', 'Quote.', { note: 'Long wait for the OT' })]);
    const result = index.search('wait');
    assert.deepEqual(result.hits[0]!.ranges, []);
    assert.deepEqual(matchRanges('Long wait for the OT', result.query.include), [[5, 9]]);
  });

  it('removes and updates documents without a rebuild', () => {
    const index = corpus();
    assert.equal(index.size, 5);
    assert.equal(index.remove('h1'), true);
    assert.equal(index.remove('h1'), false);
    assert.deepEqual(ids(index, 'waiting '), ['h4'], 'h4 is still tagged waiting-for-assessment');
    index.update(doc('h2', 'Now about the kitchen.', { tags: ['kitchen'] }));
    assert.deepEqual(ids(index, 'waited'), []);
    assert.deepEqual(ids(index, 'kitchen'), ['h2']);
    assert.deepEqual(ids(index, 'tag:access'), []);
    index.add(doc('h1', 'Back again, waiting.'));
    assert.deepEqual(ids(index, 'waiting '), ['h1', 'h4']);
    assert.equal(index.size, 5);
    index.compact();
    assert.deepEqual(ids(index, 'waiting '), ['h1', 'h4']);
    assert.deepEqual(ids(index, 'kitchen'), ['h2']);
    assert.deepEqual(index.stats.documents, 5);
  });

  it('keeps the last of documents sharing an id, also when compacting', () => {
    const index = new FullTextIndex([doc('h', 'first version'), doc('g', 'other'), doc('h', 'second version')]);
    assert.equal(index.size, 2);
    assert.deepEqual(ids(index, 'version'), ['h']);
    assert.deepEqual(ids(index, 'first'), []);
    const fresh = new FullTextIndex();
    ['a', 'b', 'c'].forEach((id) => fresh.add(doc(id, `quote ${id}`)));
    fresh.remove('b');
    fresh.compact();
    assert.deepEqual(ids(fresh, 'quote'), ['a', 'c']);
    assert.deepEqual(ids(fresh, 'c'), ['c']);
  });

  it('stays correct through automatic compactions', () => {
    const index = new FullTextIndex();
    // Enough postings (> 65k) and removals (> a quarter) that both kinds of compaction run.
    const total = 6000;
    for (let i = 0; i < total; i++) index.add(doc(`h${i}`, `entry ${i} mentions ${i % 2 ? 'odd' : 'even'} things and more words to fill postings quickly`));
    const added = index.stats.postings;
    for (let i = 0; i < total; i += 3) index.remove(`h${i}`);
    for (let i = 1; i < total; i += 3) index.update(doc(`h${i}`, `entry ${i} was rewritten`));
    assert.ok(index.stats.postings < added, 'removed postings were dropped');
    assert.equal(index.size, 4000);
    assert.equal(index.search('odd', { limit: 0 }).total, 1000);
    assert.equal(index.search('rewritten', { limit: 0 }).total, 2000);
    assert.deepEqual(ids(index, '"entry 7 was"'), ['h7']);
  });
});

describe('search: properties', () => {
  /** An independent fold: whole-string NFKD, marks stripped, lower case, split on non-letters. */
  const naiveTokens = (text: string): string[] =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const letters = ['a', 'b', 'c', 'A', 'B', 'é', 'É', 'e\u0301', 'ü', 'ñ', 'ﬁ', '1', '2'];
  const text = fc.array(fc.constantFrom(...letters, ' ', ' ', '-', ', ', '.', '’'), { maxLength: 30 }).map((a) => a.join(''));
  const word = fc.array(fc.constantFrom('a', 'b', 'c', 'é', 'A', 'ü', 'ñ', 'f', '1'), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
  const docFields = fc.record({
    quote: text,
    note: fc.option(text, { nil: undefined }),
    tags: fc.array(fc.constantFrom('a', 'b-c', 'cab', 'e1'), { maxLength: 3 }),
    speaker: fc.option(text, { nil: undefined }),
  });
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), fields: docFields }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), fields: docFields }),
    fc.record({ kind: fc.constant('compact' as const) }),
  );

  type Fields = Omit<SearchDoc, 'id' | 'source'>;
  type Op = { kind: 'add'; fields: Fields } | { kind: 'remove'; pick: number } | { kind: 'update'; pick: number; fields: Fields } | { kind: 'compact' };
  /** An index of the initial documents, then changed by the operations, beside a plain map of what it should hold. */
  const indexedThrough = (initial: readonly Fields[], ops: readonly Op[]) => {
    let next = 0;
    const make = (fields: Fields): SearchDoc => ({ id: `h${next++}`, source: 'in/p.md', ...fields });
    const model = new Map<string, SearchDoc>();
    for (const d of initial.map(make)) model.set(d.id, d);
    const index = new FullTextIndex(model.values());
    for (const o of ops) {
      const existing = [...model.keys()];
      if (o.kind === 'add') {
        const d = make(o.fields);
        model.set(d.id, d);
        index.add(d);
      } else if (o.kind === 'compact') index.compact();
      else if (existing.length > 0) {
        const id = existing[o.pick % existing.length]!;
        if (o.kind === 'remove') {
          model.delete(id);
          index.remove(id);
        } else {
          const d = { ...make(o.fields), id };
          model.set(id, d);
          index.update(d);
        }
      }
    }
    return { model, index };
  };

  it('finds exactly the documents with a token starting with a single query word (or equal to it, after a space)', () => {
    fc.assert(
      fc.property(fc.array(docFields, { maxLength: 25 }), fc.array(op, { maxLength: 15 }), fc.array(word, { minLength: 1, maxLength: 5 }), (initial, ops, words) => {
        const { model, index } = indexedThrough(initial, ops);
        for (const w of words) {
          for (const query of [w, w + ' ']) {
            const q = naiveTokens(w)[0]!;
            const exact = query.endsWith(' ');
            const expected = [...model.values()].filter((d) => [d.quote, d.note ?? '', ...d.tags, d.speaker ?? '', d.source].some((f) => naiveTokens(f).some((t) => (exact ? t === q : t.startsWith(q))))).map((d) => d.id);
            assert.deepEqual(sorted(ids(index, query)), sorted(expected), `query ${JSON.stringify(query)}`);
            assert.deepEqual(sorted([...index.matchingIds(query)]), sorted(expected), `matching ids of ${JSON.stringify(query)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives one range per matching token of the quote, covering the typed prefix', () => {
    fc.assert(
      fc.property(text, word, (quote, w) => {
        const q = naiveTokens(w)[0]!;
        const index = new FullTextIndex([{ id: 'h', source: 's', quote, tags: [] }]);
        const hit = index.search(w).hits[0];
        const matching = naiveTokens(quote).filter((t) => t.startsWith(q)).length;
        assert.equal(hit?.ranges.length ?? 0, matching);
        for (const [start, end] of hit?.ranges ?? []) assert.ok(naiveTokens(quote.slice(start, end)).join('').startsWith(q), quote.slice(start, end));
      }),
      { numRuns: 300 },
    );
  });

  it('finds exactly the documents holding a phrase in one field value, through updates, with or without its last word typed', () => {
    /** Whether the tokens of a value hold the phrase's tokens adjacent (the last as a prefix when typed). */
    const holds = (value: string, phrase: string[], typed: boolean) => {
      const tokens = naiveTokens(value);
      const last = phrase.length - 1;
      return tokens.some((_, at) => at + last < tokens.length && phrase.every((p, k) => (typed && k === last ? tokens[at + k]!.startsWith(p) : tokens[at + k] === p)));
    };
    const phraseWord = fc.constantFrom('a', 'b', 'c', 'ab', 'ca', 'é', '1');
    fc.assert(
      fc.property(fc.array(docFields, { maxLength: 25 }), fc.array(op, { maxLength: 15 }), fc.array(phraseWord, { minLength: 2, maxLength: 4 }), fc.boolean(), (initial, ops, phrase, typed) => {
        const { model, index } = indexedThrough(initial, ops);
        const tokens = phrase.map((w) => naiveTokens(w)[0]!);
        const query = typed ? `"${tokens.join(' ')}` : `"${tokens.join(' ')}"`;
        const expected = [...model.values()].filter((d) => [d.quote, d.note ?? '', ...d.tags, d.speaker ?? '', d.source].some((v) => holds(v, tokens, typed))).map((d) => d.id);
        assert.deepEqual(sorted(ids(index, query)), sorted(expected), `query ${query}`);
        assert.deepEqual(sorted([...index.matchingIds(query)]), sorted(expected), `matching ids of ${query}`);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every phrase taken from a quote', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.integer({ min: 2, max: 4 }), (quotes, pick, from, length) => {
        const index = new FullTextIndex(quotes.map((quote, i) => ({ id: `h${i}`, source: 's', quote, tags: [] })));
        const i = pick % quotes.length;
        const tokens = naiveTokens(quotes[i]!);
        fc.pre(tokens.length >= length);
        const start = from % (tokens.length - length + 1);
        const phrase = `"${tokens.slice(start, start + length).join(' ')}"`;
        assert.ok(ids(index, phrase).includes(`h${i}`), phrase);
      }),
      { numRuns: 200 },
    );
  });
});

describe('search: names (fuse)', () => {
  const tags: Tag[] = [
    { id: 'waiting-time', label: 'Waiting time', description: 'Time spent waiting for an assessment or equipment', aliases: ['delay', 'queue'] },
    { id: 'cafe-visits', label: 'Café visits' },
    { id: 'access', label: 'Access to services', description: 'Getting to the place' },
  ];
  const themes = [{ id: 'trust', path: 'themes/trust.md', title: 'Trust in the OT', highlights: [] }] as Theme[];
  const personas = [{ id: 'maya', path: 'personas/maya.md', name: 'Maya', label: 'The reluctant adopter' }] as Persona[];
  const search = new NameSearch([...tagNames(tags), ...themeNames(themes), ...personaNames(personas)]);

  it('lists everything in the given order for an empty query', () => {
    assert.deepEqual(
      search.search('  ').map((h) => h.item.id),
      ['waiting-time', 'cafe-visits', 'access', 'trust', 'maya'],
    );
    assert.equal(search.search('', 2).length, 2);
  });

  it('finds names despite typos, accents and case, and by alias or label', () => {
    assert.equal(search.search('wiating')[0]?.item.id, 'waiting-time');
    assert.equal(search.search('CAFE')[0]?.item.id, 'cafe-visits');
    assert.equal(search.search('delay')[0]?.item.id, 'waiting-time');
    assert.equal(search.search('reluctant')[0]?.item.id, 'maya');
    assert.equal(search.search('trust')[0]?.item.kind, 'theme');
    assert.deepEqual(search.search('zzzz'), []);
  });

  it('ranks a label match above a description match', () => {
    const hits = search.search('time');
    assert.equal(hits[0]?.item.id, 'waiting-time');
    assert.ok(hits[0]!.matches.some((m) => m.field === 'label'));
  });

  it('gives match ranges in the original strings', () => {
    const [hit] = search.search('cafe');
    const label = hit!.matches.find((m) => m.field === 'label')!;
    assert.equal(label.value, 'Café visits');
    assert.deepEqual(
      label.ranges.map(([s, e]) => label.value.slice(s, e)),
      ['Café'],
    );
    const alias = search.search('queue')[0]!.matches.find((m) => m.field === 'aliases')!;
    assert.equal(alias.value, 'queue');
  });

  it('folds without moving offsets', () => {
    for (const s of ['Café', 'e\u0301', 'ﬁne', 'Straße', '🙂x']) assert.equal(foldKeepingOffsets(s).length, s.length);
    assert.equal(foldKeepingOffsets('ÉCOLE Ørsted'), 'ecole ørsted');
  });
});
