import * as assert from 'node:assert/strict';
import { indexEvidence } from '../../src/core/insights/evidence';
import { buildReport } from '../../src/core/report/build';
import { renderReport } from '../../src/core/report';
import type { Workspace } from '../../src/core/workspace/workspace';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const DATE = { date: '2026-04-01' };

/** Every highlight quote of a participant, long enough not to occur by chance. */
function wordsOf(ws: Workspace, participant: string): string[] {
  const index = indexEvidence(ws);
  const all = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => ({ h, source: f.source })));
  return all
    .filter(({ h }) => (index.byId.get(h.id)?.participant ?? (index.withdrawn.has(h.id) ? participantOfWithdrawn(ws, h.id) : undefined)) === participant)
    .map(({ h }) => h.quote)
    .filter((q) => q.length >= 25);
}

function participantOfWithdrawn(ws: Workspace, id: string): string | undefined {
  for (const f of ws.highlightFiles.values()) {
    const h = f.highlights.find((x) => x.id === id);
    if (h) return h.speaker ?? ws.transcripts.get(f.source)?.meta.participant;
  }
  return undefined;
}

const setScope = (fs: MemoryFileSystem, participant: string, scope: string) => {
  const text = fs.text('participants.yaml')!;
  const at = text.indexOf(`id: ${participant}\n`);
  const next = text.indexOf('- id:', at);
  const block = text.slice(at, next < 0 ? undefined : next).replace(/scope: [a-z-]+/, `scope: ${scope}`);
  fs.write('participants.yaml', text.slice(0, at) + block + (next < 0 ? '' : text.slice(next)));
};

describe('research report', () => {
  it('says what the example found, with evidence, recommendations, personas, the low point, coverage and method', async () => {
    const ws = await loaded(exampleFileSystem());
    const r = buildReport(ws, DATE);
    assert.deepEqual(
      r.findings.map((i) => [i.id, i.status]),
      [
        ['reaching-pension-age-needs-a-checklist', 'actioned'],
        ['silence-during-waits-feels-like-being-forgotten', 'accepted'],
      ],
    );
    assert.deepEqual(
      r.emerging.map((i) => i.id),
      ['means-test-information-comes-too-late'],
    );
    assert.deepEqual(
      r.setAside.map((i) => i.id),
      ['older-residents-prefer-face-to-face'],
    );
    assert.equal(r.findings[0]!.strength.highlights, 9);
    assert.deepEqual(r.journeys[0]!.lowPoints, ['Waiting after the assessment']);
    assert.deepEqual(r.method.coders, [
      { name: 'researcher-1', highlights: 53 },
      { name: 'researcher-2', highlights: 48 },
    ]);
    assert.equal(r.method.participants, 12);

    const md = renderReport(ws, 'md', DATE);
    for (const heading of [
      '# Home adaptations and pension transition, 2026',
      '## At a glance',
      '## Findings',
      '## Emerging insights',
      '## Themes',
      '## Personas',
      '## Journey',
      '## Who we heard from',
      '## Considered and set aside',
      '## Method',
    ])
      assert.ok(md.includes(`\n${heading}\n`) || md.startsWith(`${heading}\n`), `missing ${heading}`);
    assert.match(md, /\*Evidence:\* 9 highlights from 5 participants in 5 transcripts\./);
    assert.match(md, /\| Send a plain-English checklist six months before State Pension age: what stops, what to claim and in what order\. \| revenues and benefits \| \*\*Done\*\* \|/);
    assert.match(md, /\*\*Low point: Waiting after the assessment\*\* — mean sentiment −2\.0 from 6 highlights \(5 participants\)\./);
    assert.ok(md.includes('| age-band | 18-34 | 20% of the sample | 2 of 12 planned | 1 of 12 (8%) | **1 short** |'));
    assert.ok(md.includes('| ethnicity | asian-or-asian-british | 3 people | 3 of 12 planned | 2 of 12 (17%) | **1 short** |'));
    assert.ok(md.includes('- age-band 18-34: 1 of 12 (8%) against a target of 20% of the sample — recruit 1 more person whose age-band is 18-34 to reach 2 of 12 planned'));
    assert.match(md, /\*\*Coding:\*\* 101 highlights coded with 22 tags by researcher-1 \(53\), researcher-2 \(48\)\./);
    assert.match(md, /\*\*Sources:\*\* 7 interviews, 3 diaries, 1 call transcript, 1 focus group, 1 inspection visit, from 2026-03-02 to 2026-03-29\./);
    assert.match(md, /> “Forty-seven years of stamps and you have to ask for it\.” — P12/);
    assert.equal(renderReport(ws, 'md', DATE), md, 'deterministic');
  });

  it('never quotes anonymised or analysis-only participants verbatim, in either format', async () => {
    const fs = exampleFileSystem();
    let ws = await loaded(fs);
    const before = renderReport(ws, 'md', DATE);
    // P01 is quoted while their consent is verbatim …
    const p01 = wordsOf(ws, 'P01');
    assert.ok(p01.some((q) => before.includes(q)));
    setScope(fs, 'P01', 'anonymised');
    ws = await loaded(fs);
    for (const format of ['md', 'html'] as const) {
      const out = renderReport(ws, format, DATE);
      for (const p of ['P01', 'P03', 'P06', 'P08', 'P11']) for (const q of wordsOf(ws, p)) assert.ok(!out.includes(q) && !out.includes(q.replace(/'/g, '&#39;').replace(/"/g, '&quot;')), `${p}'s words in the ${format} report: ${q}`);
      assert.doesNotMatch(out, /— P01|<footer>P01</);
    }
    // … but still counted as evidence.
    assert.equal(buildReport(ws).findings[1]!.strength.participants, 5);
  });

  it('leaves a withdrawn participant out of everything', async () => {
    const fs = exampleFileSystem();
    setScope(fs, 'P05', 'withdrawn');
    const ws = await loaded(fs);
    const r = buildReport(ws, DATE);
    assert.equal(r.method.participants, 11);
    assert.equal(r.method.withdrawn, 1);
    assert.equal(r.findings[0]!.strength.participants, 4);
    assert.equal(r.personas.find((p) => p.name === 'Len')!.participants, 5);
    for (const format of ['md', 'html'] as const) {
      const out = renderReport(ws, format, DATE);
      assert.doesNotMatch(out, /P05/);
      for (const q of wordsOf(ws, 'P05')) assert.ok(!out.includes(q), q);
      assert.match(out, /after 1 participant who withdrew consent and is left out of everything in this report/);
    }
    assert.match(renderReport(ws, 'md', DATE), /^11 participants, 12 transcripts between 2026-03-02 and 2026-03-29; 92 coded highlights\./m);
  });

  it('HTML is one self-contained page where markup in the data is inert', async () => {
    const fs = exampleFileSystem();
    const hl = 'highlights/transcripts/interviews/p07.md.yaml';
    fs.write(hl, fs.text(hl)!.replace('quote: Like a parcel nobody wants to sign for.', 'quote: "Like a parcel <script>alert(1)</script> nobody wants."'));
    const theme = 'themes/nobody-owns-the-case.yaml';
    fs.write(theme, fs.text(theme)!.replace('title: Nobody owns the case', 'title: Nobody <img src=x onerror=alert(2)> owns the case'));
    const ws = await loaded(fs);
    const html = renderReport(ws, 'html', DATE);
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(html, /<script|<img|<link|<iframe|<[^>]*\b(src|on[a-z]+)=|href="(?!#)/i);
    assert.match(html, /Like a parcel &lt;script&gt;alert\(1\)&lt;\/script&gt; nobody wants/);
    assert.match(html, /<h3 id="theme-[^"]+">Nobody &lt;img src=x onerror=alert\(2\)&gt; owns the case<\/h3>/);
    assert.match(html, /@media print\{/);
    const md = renderReport(ws, 'md', DATE);
    assert.match(md, /Like a parcel \\<script\\>alert\(1\)\\<\/script\\> nobody wants/);
    assert.doesNotMatch(md, /(^|[^\\])<(script|img)/);
  });

  it('an empty workspace gets a short, honest report', async () => {
    const ws = await loaded(new MemoryFileSystem({ 'research.yaml': 'name: Empty study\n', 'codebook.yaml': 'tags: []\n', 'participants.yaml': 'participants: []\n' }));
    const md = renderReport(ws, 'md', DATE);
    assert.equal(
      md.split('\n## Method')[0],
      '# Empty study\n\n0 participants, 0 transcripts; 0 coded highlights. Report produced with Sift on 2026-04-01.\n\n## At a glance\n\nNo accepted findings yet.\n\n## Who we heard from\n\n0 participants. research.yaml sets no sampling targets, so the sample is not compared with any.\n',
    );
    assert.match(md, /- \*\*Sources:\*\* no transcripts yet\.\n- \*\*Participants:\*\* 0\.\n/);
  });

  it('a study whose transcripts name nobody and whose participants.yaml lists nobody says no participant is recorded, not "0 participants" beside its highlights', async () => {
    // As a REFI-QDA project without cases arrives (the NVivo comments: 2 transcripts, 330 highlights).
    const ws = await loaded(
      new MemoryFileSystem({
        'research.yaml': 'name: Comments\n',
        'codebook.yaml': 'tags:\n  - {id: cost, label: Cost}\n',
        'participants.yaml': 'participants: []\n',
        'transcripts/comments.txt': 'Too expensive for what it does.\nI would pay if it worked offline.\n',
        'highlights/transcripts/comments.txt.yaml': 'source: transcripts/comments.txt\nhighlights:\n  - id: h-aaaaaaa1\n    quote: Too expensive\n    start: 0\n    end: 13\n    tags: [cost]\n',
      }),
    );
    const md = renderReport(ws, 'md', DATE);
    assert.match(md, /\nNo participant recorded, 1 transcript; 1 coded highlight\. Report produced/);
    assert.match(
      md,
      /\n## Who we heard from\n\nNo participant recorded: participants\.yaml lists nobody and the transcripts name no participant, so who was heard is not known\. research\.yaml sets no sampling targets, so the sample is not compared with any\.\n/,
    );
    assert.match(md, /- \*\*Participants:\*\* none recorded \(participants\.yaml lists nobody and the transcripts name no participant\)\.\n/);
    assert.doesNotMatch(md, /0 participants|Participants:\*\* 0/);
  });
});
