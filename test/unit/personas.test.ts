import * as assert from 'node:assert/strict';
import { personaCard, personaMarkdown } from '../../src/core/personas/card';
import { indexEvidence } from '../../src/core/insights/evidence';
import { isCompleteSentence, quoteIsShareable } from '../../src/core/insights/quote-choice';
import { generatePersonas } from '../../src/core/personas/generate';
import { clusterProfiles, distanceMatrix, kMeans, silhouette } from '../../src/core/personas/kmeans';
import { fingerprint, findTwins, writePersonas, type WriteOptions } from '../../src/core/personas/write';
import { isAccepted, personaStatus, setPersonaStatus } from '../../src/core/personas/status';
import { renderReport } from '../../src/core/report';
import { mulberry32 } from '../../src/core/random';
import { EditPlan } from '../../src/core/store/plan';
import { exampleFileSystem, loaded } from '../support/example-fs';
import type { MemoryFileSystem } from '../support/memory-fs';
import { plantedStudy } from '../support/planted-study';

const sorted = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe('persona clustering', () => {
  it('k-means++ finds planted blobs, and the silhouette prefers the planted k', () => {
    const random = mulberry32(3);
    const centres = [
      [0, 0],
      [10, 0],
      [0, 10],
    ];
    const points = centres.flatMap(([x, y]) => Array.from({ length: 20 }, () => Float64Array.from([x! + random() - 0.5, y! + random() - 0.5])));
    const c = kMeans(points, 3, mulberry32(1));
    for (let b = 0; b < 3; b++) assert.equal(new Set(c.assignment.slice(b * 20, b * 20 + 20)).size, 1, `blob ${b} split`);
    assert.equal(new Set(c.assignment).size, 3);
    const chosen = clusterProfiles(points, mulberry32(1));
    assert.equal(chosen.k, 3);
    assert.equal(chosen.chosenBy, 'silhouette');
    assert.ok(chosen.silhouette > 0.8, `silhouette ${chosen.silhouette}`);
    // Silhouette is near 1 for the right partition and falls for a wrong one.
    const d = distanceMatrix(points);
    const wrong = Int32Array.from(points.map((_, i) => i % 3));
    assert.ok(silhouette(d, wrong, 3) < 0.1);
  });

  it('recovers planted groups of participants from their coding, deterministically', async () => {
    const { fs, members } = plantedStudy([
      { tags: ['waiting', 'chasing'], size: 7 },
      { tags: ['money', 'letters'], size: 5 },
      { tags: ['family', 'workarounds'], size: 4 },
    ]);
    const ws = await loaded(fs);
    const a = generatePersonas(ws);
    const b = generatePersonas(ws);
    assert.deepEqual(a, b);
    assert.equal(a.k, 3);
    assert.equal(a.chosenBy, 'silhouette');
    assert.match(a.method, /^k-means\+\+ on tag shares of 16 participants, k = 3 chosen by silhouette \(0\.\d\d\), seed 1$/);
    assert.deepEqual(sorted(a.personas.map((p) => p.participants)), sorted(members));
    const [big, mid, small] = a.personas;
    assert.deepEqual([big!.name, big!.share, mid!.share, small!.share], ['Persona A', 0.44, 0.31, 0.25]);
    // Its own tags come first, used by every member, at the lift the planting implies (16 / 7 ≈ 2.3).
    assert.deepEqual(
      big!.distinguishing
        .slice(0, 2)
        .map((t) => t.tag)
        .sort(),
      ['chasing', 'waiting'],
    );
    for (const t of big!.distinguishing.slice(0, 2)) assert.deepEqual([t.lift, t.participants], [2.3, 7]);
    // Quotes: one per member, from the persona's own participants, tagged with its distinguishing tags.
    const index = indexEvidence(ws);
    assert.equal(big!.quotes.length, 5);
    const quoted = big!.quotes.map((id) => index.byId.get(id)!);
    assert.equal(new Set(quoted.map((e) => e.participant)).size, 5);
    for (const e of quoted) {
      assert.ok(members[0]!.includes(e.participant!));
      assert.ok(e.highlight.tags.some((t) => t === 'waiting' || t === 'chasing'));
    }
    // A different seed finds the same partition on such clear structure.
    assert.deepEqual(sorted(generatePersonas(ws, { seed: 99 }).personas.map((p) => p.participants)), sorted(members));
    // k given is respected and said.
    const two = generatePersonas(ws, { k: 2 });
    assert.equal(two.personas.length, 2);
    assert.match(two.method, /k = 2 as asked/);
  });

  it('attributes join the profile when selected; analysis-only participants are clustered but never quoted', async () => {
    const { fs } = plantedStudy(
      [
        { tags: ['waiting'], size: 4, attributes: { region: 'north' } },
        { tags: ['waiting'], size: 4, attributes: { region: 'south' } },
      ],
      { consent: { P01: 'analysis-only', P02: 'anonymised', P03: 'withdrawn' } },
    );
    const ws = await loaded(fs);
    const plain = generatePersonas(ws, { k: 2 });
    const byRegion = generatePersonas(ws, { k: 2, attributes: ['region'] });
    assert.match(byRegion.method, /tag shares and region/);
    assert.deepEqual(sorted(byRegion.personas.map((p) => p.participants)), [
      ['P01', 'P02', 'P04'],
      ['P05', 'P06', 'P07', 'P08'],
    ]);
    assert.ok(
      plain.personas.every((p) => !p.participants.includes('P03')),
      'withdrawn participant clustered',
    );
    const quotedBy = new Set(byRegion.personas.flatMap((p) => p.quotes).map((id) => indexEvidence(ws).byId.get(id)!.participant));
    for (const p of ['P01', 'P02', 'P03']) assert.ok(!quotedBy.has(p), `${p} quoted`);
  });

  it('on the example: two personas, adaptations and pension transition, with traits from the goals, frustrations and behaviours branches', async () => {
    const ws = await loaded(exampleFileSystem());
    const g = generatePersonas(ws);
    assert.equal(g.k, 2);
    assert.deepEqual(sorted(g.personas.map((p) => p.participants)), [
      ['P01', 'P02', 'P03', 'P04', 'P07', 'P09'],
      ['P05', 'P06', 'P08', 'P10', 'P11', 'P12'],
    ]);
    const pension = g.personas.find((p) => p.participants.includes('P05'))!;
    assert.equal(pension.share, 0.5);
    assert.ok(pension.distinguishing.some((t) => t.tag === 'benefit-changes'));
    const adaptations = g.personas.find((p) => p.participants.includes('P01'))!;
    const index = indexEvidence(ws);
    for (const id of [...pension.quotes, ...adaptations.quotes]) assert.ok(['verbatim'].includes(index.byId.get(id)!.policy.quotes), `${id} is not quotable verbatim`);
  });

  it('on the example: statements carry the words of a member, distinguishing codes rank by real differences with counts', async () => {
    const ws = await loaded(exampleFileSystem());
    const index = indexEvidence(ws);
    const g = generatePersonas(ws);
    const adaptations = g.personas.find((p) => p.participants.includes('P01'))!;
    const members = new Set(adaptations.participants);
    // Each statement: the code, how many members it covers, and (where one may be quoted) a member's words and id.
    const statements = [...adaptations.goals, ...adaptations.frustrations, ...adaptations.behaviours];
    assert.ok(statements.length >= 3, statements.join('\n'));
    const withWords = statements.map((t) => /^(.+) \((\d+) of 6\)(?:: “(.+)” — (P\d\d))?$/.exec(t));
    for (const [i, m] of withWords.entries()) assert.ok(m, `not a statement: ${statements[i]}`);
    const quoted = withWords.filter((m) => m![3] !== undefined);
    assert.ok(quoted.length >= 2, statements.join('\n'));
    for (const m of quoted) {
      const [, label, , words, who] = m!;
      assert.ok(members.has(who!), `${who} is not a member`);
      const tag = ws.codebook.find((t) => t.label === label)!;
      const passage = [...index.byId.values()].find((e) => e.highlight.quote.trim() === words && e.participant === who);
      assert.ok(passage, `no passage of ${who} says “${words}”`);
      assert.ok(passage.highlight.tags.includes(tag.id), `“${words}” is not coded ${tag.id}`);
    }
    assert.ok(adaptations.frustrations.some((t) => t.startsWith('Passed around (')));
    // Distinguishing codes: counted in and out of the group, ordered by the difference, not five equal lifts.
    const d = adaptations.distinguishing;
    assert.ok(d.length >= 3);
    for (const t of d) assert.deepEqual([t.size, t.othersSize], [6, 6]);
    const gap = d.map((t) => t.participants / t.size - t.others / t.othersSize);
    assert.deepEqual(
      gap,
      [...gap].sort((a, b) => b - a),
    );
    assert.ok(gap[0]! > gap[gap.length - 1]!, 'the differences are not all alike');
    const waiting = d.find((t) => t.tag === 'waiting-time')!;
    const users = (ids: readonly string[]) => ids.filter((p) => [...index.byId.values()].some((e) => e.participant === p && e.highlight.tags.includes('waiting-time'))).length;
    assert.deepEqual([waiting.participants, waiting.others], [users(adaptations.participants), users(index.participants.filter((p) => !members.has(p)))]);
    // How separable: the group's own silhouette, beside the set's.
    assert.ok(adaptations.silhouette > -1 && adaptations.silhouette < 1 && adaptations.silhouette !== 0);
    assert.equal(g.set, 'by-coding');
  });

  it('never quotes a passage naming a third party, and prefers complete sentences', async () => {
    const ws = await loaded(exampleFileSystem());
    const index = indexEvidence(ws);
    const precious = [...index.byId.values()].find((e) => e.highlight.quote.includes('woman called Precious'))!;
    assert.ok(precious.quotable, 'P04 consented to verbatim quotes: only the third party stops it');
    assert.equal(quoteIsShareable(index, precious), false);
    const chosen = (k: number) => generatePersonas(ws, { k }).personas.flatMap((p) => [...p.quotes, ...[...p.goals, ...p.frustrations, ...p.behaviours].map((t) => (t.includes('Precious') ? precious.highlight.id : ''))]);
    for (const k of [2, 3, 4, 5]) assert.ok(!chosen(k).includes(precious.highlight.id), `Precious quoted with k = ${k}`);
    // Among a member's candidates, a whole sentence wins over a fragment.
    assert.equal(isCompleteSentence('I rang them every week.'), true);
    assert.equal(isCompleteSentence('and then nobody rang'), false);
    assert.equal(isCompleteSentence('“Tell me where I am in the queue.”'), true);
    assert.equal(isCompleteSentence('So I waited…'), false);
    const quotes = generatePersonas(ws)
      .personas.flatMap((p) => p.quotes)
      .map((id) => index.byId.get(id)!.highlight.quote);
    assert.ok(quotes.filter(isCompleteSentence).length >= quotes.length - 1, quotes.join('\n'));
  });
});

describe('writing personas', () => {
  async function run(fs: MemoryFileSystem, options = {}) {
    const ws = await loaded(fs);
    const plan = new EditPlan(fs, ws.versions);
    const result = await writePersonas(plan, ws, generatePersonas(ws, options));
    assert.deepEqual(result.problems, []);
    fs.apply(plan.result().edits);
    return { result, edits: plan.result().edits };
  }

  it('creates files that load cleanly, and regenerating an unchanged study changes nothing', async () => {
    const fs = exampleFileSystem();
    const first = await run(fs);
    assert.deepEqual(
      first.result.writes.map((w) => w.action),
      ['create', 'create'],
    );
    const ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.path.startsWith('personas/') && p.severity !== 'info'),
      [],
    );
    const path = first.result.writes[0]!.path;
    const text = fs.text(path)!;
    assert.match(text, /^name: Persona A\nlabel: .+\nstatus: draft\nset: by-coding\nsummary: 6 of 12 participants \(50%\)\. More than the others, they talk about /);
    assert.match(text, /\n  - \{tag: [a-z-]+, lift: [\d.]+, members: \d, of: 6, others: \d, othersOf: 6\}\n/);
    assert.match(text, /\ngenerated:\n  method: k-means\+\+ on tag shares of 12 participants, k = 2 chosen by silhouette \(0\.\d\d\), seed 1\n  silhouette:\n    group: -?0\.\d+\n    set: 0\.\d\d\n  fields:\n    name: [0-9a-f]{10}\n/);
    // Hand-written personas are not touched.
    assert.deepEqual(first.result.unmatched, []);
    assert.equal(fs.text('personas/the-self-appointed-case-manager.yaml'), exampleFileSystem().text('personas/the-self-appointed-case-manager.yaml'));
    const again = await run(fs);
    assert.deepEqual(again.edits, []);
    assert.deepEqual(
      again.result.writes.map((w) => w.action),
      ['unchanged', 'unchanged'],
    );
  });

  it('keeps the fields the researcher wrote and refreshes the generated ones', async () => {
    const fs = exampleFileSystem();
    const { result } = await run(fs);
    const pension = result.writes.find((w) => w.draft.participants.includes('P05'))!;
    const before = fs.text(pension.path)!;
    // The researcher names the persona, comments on it, rewrites the goals and the behaviours.
    const edited = before
      .replace(/^name: Persona [AB]$/m, '# Named at the synthesis workshop.\nname: Len')
      .replace(/^goals:\n(?:  - .*\n)+/m, 'goals:\n  - Know what he will get and when\n')
      .replace(/^behaviours:(?: \[\]\n|\n(?:  - .*\n)+)/m, 'behaviours: [Asks family to read letters]\n');
    assert.notEqual(edited, before);
    fs.write(pension.path, edited);
    // The evidence changes: P12 and P06 no longer talk about benefit changes.
    for (const calls of ['highlights/transcripts/calls/p12.txt.yaml', 'highlights/transcripts/calls/p06.md.yaml'])
      fs.write(
        calls,
        fs
          .text(calls)!
          .replace(/tags: \[benefit-changes, /g, 'tags: [')
          .replace(/tags: \[benefit-changes\]/g, 'tags: [know-where-i-stand]'),
      );
    const second = await run(fs);
    const w = second.result.writes.find((x) => x.path === pension.path)!;
    assert.equal(w.action, 'update');
    assert.deepEqual(w.kept, ['name', 'goals', 'behaviours']);
    assert.ok(w.refreshed.includes('distinguishing') && w.refreshed.includes('summary'));
    const after = fs.text(pension.path)!;
    assert.match(after, /^# Named at the synthesis workshop\.\nname: Len\n/);
    assert.match(after, /\ngoals:\n  - Know what he will get and when\n/);
    assert.match(after, /^behaviours: \[Asks family to read letters\]$/m);
    assert.notEqual(after.match(/^distinguishing:[\s\S]*?\nquotes/m)![0], before.match(/^distinguishing:[\s\S]*?\nquotes/m)![0]);
    // The researcher's fields lose their fingerprint: they stay theirs from now on.
    assert.doesNotMatch(after, /^    name: /m);
    assert.doesNotMatch(after, /^    goals: /m);
    assert.match(after, /^    summary: [0-9a-f]{10}$/m);
    // A third run keeps them still, and changes nothing.
    const third = await run(fs);
    assert.deepEqual(
      third.edits.map((e) => (e.kind === 'write' ? e.content : '')),
      [],
    );
  });

  it('hands a field back to Sift when the researcher deletes it, and reports generated personas that match no group', async () => {
    const fs = exampleFileSystem();
    const { result } = await run(fs);
    const w = result.writes[0]!;
    const label = fs.text(w.path)!.match(/^label: .*$/m)![0];
    fs.write(w.path, fs.text(w.path)!.replace(/^label: .*$/m, 'label: The self-appointed case manager'));
    await run(fs);
    assert.match(fs.text(w.path)!, /^label: The self-appointed case manager$/m);
    fs.write(w.path, fs.text(w.path)!.replace(/^label: .*\n/m, ''));
    await run(fs);
    assert.match(fs.text(w.path)!, new RegExp(`^${label}$`, 'm'));
    // The required name is handed back by writing the placeholder back: its fingerprint returns.
    const name = fs.text(w.path)!.match(/^name: (.*)$/m)![1]!;
    fs.write(w.path, fs.text(w.path)!.replace(/^name: .*$/m, 'name: Dana'));
    await run(fs);
    assert.doesNotMatch(fs.text(w.path)!, /^    name: /m);
    fs.write(w.path, fs.text(w.path)!.replace(/^name: .*$/m, `name: ${name}`));
    await run(fs);
    assert.match(fs.text(w.path)!, /^    name: [0-9a-f]{10}$/m);
    assert.equal(fingerprint([1, { b: 2, a: 1 }]), fingerprint([1, { a: 1, b: 2 }]));
    // Three groups now: one of the two old files is reused for a group, and the other files are not deleted.
    const three = await run(fs, { k: 4 });
    assert.equal(three.result.writes.length, 4);
    assert.ok(three.result.writes.filter((x) => x.action === 'create').length >= 2);
    for (const x of result.writes) assert.ok(fs.text(x.path) !== undefined);
  });
});

describe('persona cards', () => {
  it('a card holds the persona with placed quotes, and the Markdown page says the same', async () => {
    const ws = await loaded(exampleFileSystem());
    const persona = ws.personas.get('the-self-appointed-case-manager')!;
    const card = personaCard(ws, persona);
    assert.deepEqual([card.name, card.label, card.members, card.recordedShare], ['Dana', 'The self-appointed case manager', ['P02', 'P04', 'P07'], 0.25]);
    assert.equal(card.share, 0.25);
    assert.deepEqual(card.distinguishing[0], { label: 'Assessment', lift: 3.2 });
    assert.equal(card.quotes.length, 5);
    assert.equal(card.strength.participants, 3);
    const md = personaMarkdown(ws, persona);
    assert.match(md, /^### Dana, “The self-appointed case manager”\n\n\*\*25% of the sample\*\* · 3 participants\n/);
    assert.match(md, /\*\*Goals\*\*\n\n- Get the adaptation fitted so she can wash and move around safely without help\n/);
    assert.match(md, /> “There are forty-one rows in it now\. Forty-one contacts for one shower\.” — P07/);
  });
});

describe('personas as deliverables: drafts, sets and twins', () => {
  async function generate(fs: MemoryFileSystem, options: WriteOptions = {}) {
    const ws = await loaded(fs);
    const plan = new EditPlan(fs, ws.versions);
    const result = await writePersonas(plan, ws, generatePersonas(ws), options);
    assert.deepEqual(result.problems, []);
    fs.apply(plan.result().edits);
    return result;
  }
  /** The percentages of the "At a glance" line of each set of personas. */
  const glance = (md: string) =>
    md
      .split('\n## ')[1]!
      .split('\n')
      .filter((l) => /resemble/.test(l));
  const sum = (line: string) => [...line.matchAll(/(\d+)% (?:resemble )?\*\*/g)].reduce((a, m) => a + Number(m[1]), 0);

  it('the README persona step leaves drafts out of the report: no placeholder names, shares within 100 %', async () => {
    const fs = exampleFileSystem();
    const result = await generate(fs);
    assert.deepEqual(
      result.writes.map((w) => w.action),
      ['create', 'create'],
    );
    const ws = await loaded(fs);
    assert.deepEqual([...ws.personas.values()].map((p) => personaStatus(p)).sort(), ['accepted', 'accepted', 'draft', 'draft']);
    const md = renderReport(ws, 'md', { date: '2026-04-01' });
    assert.doesNotMatch(md, /Persona [AB]/);
    const lines = glance(md);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.equal(sum(lines[0]!), 75);
    assert.match(lines[0]!, /^- Of the participants, 50% resemble \*\*Len, “Caught out at pension age”\*\* and 25% \*\*Dana, “The self-appointed case manager”\*\*; the other 25% resemble neither\.$/);
    assert.match(md, /\n2 draft personas are not included: generated from the coding, they have not been reviewed and accepted by the team\.\n/);
    // A draft's own page says it is one.
    const draft = [...ws.personas.values()].find((p) => p.name === 'Persona A')!;
    assert.match(personaMarkdown(ws, draft), /Draft: not yet accepted by the team/);
  });

  it('accepting a generated persona brings it into the report as its own set, each set within 100 %', async () => {
    const fs = exampleFileSystem();
    await generate(fs);
    let ws = await loaded(fs);
    const plan = new EditPlan(fs, ws.versions);
    for (const p of ws.personas.values()) if (p.generated) assert.equal(await setPersonaStatus(plan, p, 'accepted'), true);
    fs.apply(plan.result().edits);
    ws = await loaded(fs);
    const a = [...ws.personas.values()].find((p) => p.name === 'Persona A')!;
    assert.match(fs.text(a.path)!, /^label: .*\nstatus: accepted\nset: by-coding\n/m);
    const md = renderReport(ws, 'md', { date: '2026-04-01' });
    const lines = glance(md);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /^- Personas drawn from the coding: of the participants, 50% resemble \*\*Persona [AB], /);
    assert.match(lines[1]!, /^- Personas written by the team: /);
    assert.deepEqual(lines.map(sum), [100, 75]);
    assert.doesNotMatch(md, /draft personas? (is|are) not included/);
    assert.match(md, /\*How distinct:\* (Clearly distinct|Distinct|Overlapping|Hardly separable) from the other personas of its set \(silhouette (−|)0\.\d\d for this group, 0\.22 across the set/);
    assert.match(md, /\(\d of 6 in this persona vs \d of 6 others\)/);
  });

  it('a participant in two personas of one set is a warning at the second', async () => {
    const fs = exampleFileSystem();
    const dana = 'personas/the-self-appointed-case-manager.yaml';
    fs.write(dana, fs.text(dana)!.replace('participants: [P02, P04, P07]', 'participants: [P02, P04, P07, P05]'));
    const ws = await loaded(fs);
    const overlap = ws.problems.filter((p) => p.code === 'persona-overlap');
    assert.equal(overlap.length, 1);
    assert.equal(overlap[0]!.path, dana);
    assert.match(overlap[0]!.message, /^P05 also belongs to “Len” \(personas\/caught-out-at-pension-age\.yaml\) in the set “hand-written”/);
    assert.equal(overlap[0]!.line, 5);
  });

  it('a generation resembling a hand-written persona can update it instead of adding a twin, keeping every word', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const twins = findTwins(ws, generatePersonas(ws));
    assert.deepEqual(twins.map((t) => [t.persona.name, t.shared, t.of]).sort(), [
      ['Dana', 3, 3],
      ['Len', 6, 6],
    ]);
    const len = 'personas/caught-out-at-pension-age.yaml';
    const before = fs.text(len)!;
    const result = await generate(fs, { similar: 'update' });
    assert.deepEqual(result.writes.map((w) => [w.path, w.action, w.adopted]).sort(), [
      [len, 'update', true],
      ['personas/the-self-appointed-case-manager.yaml', 'update', true],
    ]);
    const after = fs.text(len)!;
    // The measures are this run's; the words, the quotes and the status are the researcher's.
    assert.match(after, /^distinguishing:\n  - \{tag: [a-z-]+, lift: [\d.]+, members: \d, of: 6, others: \d, othersOf: 6\}/m);
    for (const field of ['name', 'label', 'summary', 'quotes', 'goals', 'frustrations', 'behaviours']) {
      const line = (text: string) => text.match(new RegExp(`^${field}:.*(\\n  - .*)*`, 'm'))![0];
      assert.equal(line(after), line(before), field);
    }
    assert.match(after, /\n  fields:\n    participants: [0-9a-f]{10}\n    share: [0-9a-f]{10}\n    distinguishing: [0-9a-f]{10}\n$/);
    assert.match(after, /^status: accepted\nset: by-coding\n/m);
    const again = await loaded(fs);
    assert.equal(again.personas.size, 2);
    assert.ok([...again.personas.values()].every(isAccepted));
    // Next time the updated persona is matched like a generated one: no twin, nothing to change.
    const third = await generate(fs, {});
    assert.deepEqual(
      third.writes.map((w) => w.action),
      ['unchanged', 'unchanged'],
    );
  });
});

describe('persona clustering of participants whose coding is alike (audit)', () => {
  it('finds one group, not k arbitrary splits of identical profiles', () => {
    const points = Array.from({ length: 7 }, () => Float64Array.from([1]));
    const chosen = clusterProfiles(points, mulberry32(1));
    assert.equal(chosen.k, 1);
    assert.equal(chosen.chosenBy, 'alike');
    assert.deepEqual([...chosen.assignment], [0, 0, 0, 0, 0, 0, 0]);
  });
});
