import * as assert from 'node:assert/strict';
import { insightMessage, insightView, groupInsights } from '../../src/core/insights/view';
import { MAX_MESSAGE_BYTES, messageBytes } from '../../src/protocol/insight';
import { describeStrength, evidenceStrength, indexEvidence, pickQuotes } from '../../src/core/insights/evidence';
import { addEvidence, addRecommendation, createInsight, setInsightStatus, setRecommendationStatus } from '../../src/core/insights/operations';
import { EditPlan } from '../../src/core/store/plan';
import { exampleFileSystem, loaded } from '../support/example-fs';

describe('evidence strength', () => {
  it('counts highlights, distinct participants and transcripts of an insight in the example', async () => {
    const ws = await loaded(exampleFileSystem());
    const index = indexEvidence(ws);
    const insight = ws.insights.get('reaching-pension-age-needs-a-checklist')!;
    const s = evidenceStrength(index, insight.evidence);
    // Counted by hand from the highlights files: 9 highlights; P05 ×2, P06 ×2, P08 ×2, P10 ×2 (focus group), P12 ×1.
    const expected = new Map<string, string>();
    for (const f of ws.highlightFiles.values()) for (const h of f.highlights) if (insight.evidence.includes(h.id)) expected.set(h.id, f.source);
    assert.equal(s.highlights, 9);
    assert.equal(s.transcripts, new Set(expected.values()).size);
    const who = new Set(insight.evidence.map((id) => index.byId.get(id)!.participant));
    assert.equal(s.participants, who.size);
    assert.ok(s.participants >= 3);
    assert.equal(s.level, 'pattern');
    assert.deepEqual(s.missing, []);
    assert.match(describeStrength(s), /^9 highlights from \d+ participants in \d+ transcripts$/);
  });

  it('one talkative participant is one voice; missing ids and duplicates are not counted', async () => {
    const ws = await loaded(exampleFileSystem());
    const index = indexEvidence(ws);
    const p07 = [...index.byId.values()].filter((e) => e.participant === 'P07').map((e) => e.highlight.id);
    assert.ok(p07.length >= 5);
    const s = evidenceStrength(index, [...p07, p07[0]!, 'h-00000000']);
    assert.equal(s.highlights, p07.length);
    assert.equal(s.participants, 1);
    assert.equal(s.transcripts, 1);
    assert.equal(s.topParticipantShare, 1);
    assert.equal(s.level, 'one-voice');
    assert.deepEqual(s.missing, ['h-00000000']);
    assert.equal(evidenceStrength(index, []).level, 'none');
  });

  it('leaves out a withdrawn participant and never offers analysis-only or anonymised words as quotes', async () => {
    const fs = exampleFileSystem();
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('date: 2026-02-27, scope: verbatim', 'date: 2026-02-27, scope: withdrawn'));
    const ws = await loaded(fs);
    const index = indexEvidence(ws);
    assert.ok(!index.participants.includes('P04'));
    const p04 = [...ws.highlightFiles.values()].find((f) => f.source.includes('p04'))!.highlights.map((h) => h.id);
    for (const id of p04) assert.ok(index.withdrawn.has(id) && !index.byId.has(id));
    const s = evidenceStrength(index, p04);
    assert.equal(s.highlights, 0);
    assert.deepEqual(s.withdrawn, p04);
    const all = [...index.byId.keys()];
    const quotes = pickQuotes(index, all, 100);
    assert.ok(quotes.length > 0);
    for (const q of quotes) assert.ok(!['P03', 'P06', 'P08', 'P11', 'P04'].includes(q.participant!), `${q.highlight.id} of ${q.participant} offered as a quote`);
    // One per participant first.
    const firstFew = quotes.slice(0, new Set(quotes.map((q) => q.participant)).size).map((q) => q.participant);
    assert.equal(new Set(firstFew).size, firstFew.length);
  });
});

describe('insight operations', () => {
  it('creates a draft insight from evidence and themes, then moves it along its lifecycle with recommendations', async () => {
    const fs = exampleFileSystem();
    let ws = await loaded(fs);
    const theme = ws.themes.get('waiting-without-word')!;
    let plan = new EditPlan(fs, ws.versions);
    const created = await createInsight(plan, ws, { statement: '  Residents chase because nobody tells them where they are in the queue. ', evidence: theme.highlights.slice(0, 3), themes: [theme.id], confidence: 'medium' });
    assert.deepEqual(created.problems, []);
    assert.equal(created.id, 'residents-chase-because-nobody-tells-them-where-they-are-in');
    fs.apply(plan.result().edits);
    const path = `insights/${created.id}.yaml`;
    assert.equal(
      fs.text(path),
      `statement: Residents chase because nobody tells them where they are in the queue.\nstatus: draft\nconfidence: medium\nthemes: [waiting-without-word]\nevidence: [${theme.highlights.slice(0, 3).join(', ')}]\n`,
    );

    ws = await loaded(fs);
    assert.equal(ws.insights.get(created.id!)?.status, 'draft');
    assert.deepEqual(
      ws.problems.filter((p) => p.path === path),
      [],
    );
    // draft → accepted skips review: refused, nothing planned.
    plan = new EditPlan(fs, ws.versions);
    const refused = await setInsightStatus(plan, ws, created.id!, 'accepted');
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.message, /draft; it can move to in-review or rejected/);
    assert.deepEqual(plan.result().edits, []);

    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await setInsightStatus(plan, ws, created.id!, 'in-review'), []);
    assert.deepEqual(await addRecommendation(plan, ws, created.id!, { action: 'Tell residents their place in the queue', owner: 'adaptations team' }), []);
    assert.deepEqual(await addRecommendation(plan, ws, created.id!, { action: 'Call back within two days' }), []);
    fs.apply(plan.result().edits);
    ws = await loaded(fs);
    const insight = ws.insights.get(created.id!)!;
    assert.equal(insight.status, 'in-review');
    assert.deepEqual(insight.recommendations, [
      { action: 'Tell residents their place in the queue', owner: 'adaptations team', status: 'proposed' },
      { action: 'Call back within two days', status: 'proposed' },
    ]);
    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await setRecommendationStatus(plan, ws, created.id!, 1, 'agreed'), []);
    assert.equal((await setRecommendationStatus(plan, ws, created.id!, 5, 'done')).length, 1);
    fs.apply(plan.result().edits);
    assert.match(fs.text(path)!, /- action: Call back within two days\n    status: agreed\n$/);
  });

  it('keeps comments when changing status, and refuses unknown evidence and empty statements', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const path = 'insights/older-residents-prefer-face-to-face.yaml';
    const before = fs.text(path)!;
    const plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await setInsightStatus(plan, ws, 'older-residents-prefer-face-to-face', 'draft'), []);
    fs.apply(plan.result().edits);
    assert.equal(fs.text(path), before.replace('status: rejected', 'status: draft'));

    const bad = await createInsight(new EditPlan(fs, undefined), ws, { statement: ' ', evidence: ['h-00000000'], themes: ['no-such-theme'] });
    assert.equal(bad.id, undefined);
    assert.deepEqual(
      bad.problems.map((p) => p.message),
      ['An insight needs a statement: one sentence saying what you learned.', 'There is no highlight h-00000000.', 'There is no theme no-such-theme.'],
    );
  });
});

describe('adding evidence to an insight', () => {
  it('appends the highlights it does not cite yet, in the one-line list, and keeps the comments', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const id = 'older-residents-prefer-face-to-face';
    const path = `insights/${id}.yaml`;
    const before = fs.text(path)!;
    const cited = ws.insights.get(id)!.evidence;
    const extra = [...indexEvidence(ws).byId.keys()].filter((h) => !cited.includes(h)).slice(0, 2);
    const plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await addEvidence(plan, ws, id, [cited[0]!, ...extra, extra[0]!]), []);
    fs.apply(plan.result().edits);
    assert.equal(fs.text(path), before.replace(`evidence: [${cited.join(', ')}]`, `evidence: [${[...cited, ...extra].join(', ')}]`));
    assert.match(fs.text(path)!, /^# Rejected at review/);
    const after = await loaded(fs);
    assert.deepEqual(after.insights.get(id)!.evidence, [...cited, ...extra]);
    // Already cited: nothing to write.
    const again = new EditPlan(fs, after.versions);
    assert.deepEqual(await addEvidence(again, after, id, extra), []);
    assert.deepEqual(again.result().edits, []);
  });

  it('refuses highlights that do not exist or belong to a participant who withdrew, and unknown insights', async () => {
    const fs = exampleFileSystem();
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('date: 2026-02-27, scope: verbatim', 'date: 2026-02-27, scope: withdrawn'));
    const ws = await loaded(fs);
    const p04 = [...ws.highlightFiles.values()].find((f) => f.source.includes('p04'))!.highlights[0]!.id;
    const plan = new EditPlan(fs, ws.versions);
    const refused = await addEvidence(plan, ws, 'older-residents-prefer-face-to-face', [p04, 'h-00000000']);
    assert.deepEqual(
      refused.map((p) => p.message),
      [`Highlight ${p04} holds the words of a participant who withdrew consent, so it cannot be evidence.`, 'There is no highlight h-00000000.'],
    );
    assert.deepEqual(
      (await addEvidence(plan, ws, 'no-such-insight', [])).map((p) => p.code),
      ['no-insight'],
    );
    assert.deepEqual(plan.result().edits, []);
  });
});

describe('insight views', () => {
  it('gives an insight with its evidence placed, attributed and marked for consent, and the next statuses', async () => {
    const ws = await loaded(exampleFileSystem());
    const v = insightView(ws, ws.insights.get('silence-during-waits-feels-like-being-forgotten')!, '2026-12-01');
    assert.deepEqual(v.next, ['actioned', 'in-review', 'rejected']);
    assert.deepEqual(
      v.themes.map((t) => t.title),
      ['Waiting without word', 'Nobody owns the case'],
    );
    assert.equal(v.evidence.length, 8);
    assert.equal(v.strength.highlights, 8);
    // Its recommendations as actions: two done with outcomes and measures, one in progress and overdue on this day.
    assert.deepEqual(
      v.recommendations.map((r) => [r.status, r.due, r.overdue, r.outcome?.measure]),
      [
        ['done', '2026-06-30', false, 'calls chasing an adaptation case per month: 412 → 138 calls (−67%)'],
        ['done', '2026-09-30', false, 'average wait for a major adaptation: 183 → 52 days (−72%)'],
        ['in-progress', '2026-10-31', true, undefined],
      ],
    );
    assert.deepEqual(v.recommendations[1]!.outcome!.evidence, [{ ref: 'outcomes/adaptations-performance-2026.csv', kind: 'file' }]);
    for (const q of v.evidence) {
      const h = [...ws.highlightFiles.values()].find((f) => f.source === q.source)!.highlights.find((x) => x.id === q.id)!;
      assert.equal(q.quote, h.quote);
      assert.equal(q.end - q.start, [...h.quote].length);
      assert.equal(q.quotable, !['P03', 'P06', 'P08', 'P11'].includes(q.participant!));
      assert.match(q.consent, new RegExp(`^${q.participant} agreed to `));
    }
    const byStatus = groupInsights(ws, 'status');
    assert.deepEqual(
      byStatus.map((g) => [g.key, g.insights.length]),
      [
        ['draft', 1],
        ['accepted', 1],
        ['actioned', 1],
        ['rejected', 1],
      ],
    );
    const byTheme = groupInsights(ws, 'theme');
    assert.deepEqual(
      byTheme.map((g) => g.label),
      ['A handover nobody explains', 'Letters that frighten rather than inform', 'Nobody owns the case', 'Waiting without word', 'No theme'],
    );
    assert.deepEqual(
      byTheme.at(-1)!.insights.map((i) => i.id),
      ['older-residents-prefer-face-to-face'],
    );
  });

  it('sends an insight in one message under the size limit, leaving out the quotes that do not fit', async () => {
    const ws = await loaded(exampleFileSystem());
    const v = insightView(ws, ws.insights.get('silence-during-waits-feels-like-being-forgotten')!, '2026-12-01');
    const small = insightMessage(v, [], true);
    assert.equal(small.omitted, 0);
    assert.deepEqual(small.insight, v);
    const q = v.evidence[0]!;
    const many = { ...v, evidence: Array.from({ length: 2000 }, (_, i) => ({ ...q, id: `h-${i}`, quote: 'words '.repeat(100) })) };
    const big = insightMessage(many, [], false);
    assert.ok(messageBytes(big) <= MAX_MESSAGE_BYTES);
    assert.ok(big.omitted > 0 && big.insight.evidence.length > 100, `${big.insight.evidence.length} sent, ${big.omitted} left out`);
    assert.equal(big.insight.evidence.length + big.omitted, 2000);
    assert.deepEqual(
      big.insight.evidence.map((e) => e.id),
      many.evidence.slice(0, big.insight.evidence.length).map((e) => e.id),
    );
    assert.deepEqual(big.insight.strength, v.strength, 'the counts stay whole');
  });
});
