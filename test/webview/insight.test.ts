/**
 * The insight view in headless Chromium (the built dist/webview/insight.js), with a stand-in
 * for VS Code in the page that answers `ready` with an insight and records what the view
 * sends. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage, InsightView, QuoteView, RenderedMessage, WebviewMessage } from '../../src/protocol/insight';
import { openView, until } from './support';

const HOSTILE = `<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">here</a>`;

function quote(id: string, participant: string, quotable = true): QuoteView {
  return {
    id,
    quote: `Words of ${participant} (${id})`,
    participant,
    source: `transcripts/${participant.toLowerCase()}.md`,
    start: 0,
    end: 10,
    tags: ['waiting'],
    quotable,
    consent: `${participant} agreed to be quoted ${quotable ? 'verbatim' : 'only anonymised'}.`,
  };
}

function insight(over: Partial<InsightView> = {}): InsightView {
  return {
    id: 'silence',
    path: 'insights/silence.yaml',
    statement: 'Residents experience silence as being forgotten.',
    status: 'in-review',
    next: ['accepted', 'draft', 'rejected'],
    confidence: 'medium',
    themes: [{ id: 'waiting', title: 'Waiting without word' }],
    personas: [],
    strength: { highlights: 3, participants: 3, transcripts: 3, topParticipantShare: 1 / 3, topParticipantShareText: '33%', level: 'pattern', missing: [], withdrawn: [] },
    evidence: [quote('h-1', 'P01'), quote('h-2', 'P02'), quote('h-3', 'P03', false)],
    recommendations: [{ action: 'Send a status update every four weeks', owner: 'adaptations team', status: 'agreed', overdue: false }],
    ...over,
  };
}

const open = (message: HostMessage) => openView('insight', [message]);

const sent = (page: Page) => page.evaluate('window.__sent') as Promise<(WebviewMessage | RenderedMessage)[]>;

describe('insight view webview (headless Chromium)', function () {
  let browser: Browser | undefined;
  afterEach(async () => browser?.close());
  const opened = async (message: HostMessage) => {
    const o = await open(message);
    browser = o.browser;
    return o.page;
  };

  it('shows the statement, strength, attributed quotes and recommendations, and reports them', async () => {
    const page = await opened({ type: 'insight', insight: insight(), tags: [{ id: 'waiting', label: 'Waiting time', color: '#d73a49' }], writable: true, omitted: 0 });
    await page.locator('.statement').waitFor();
    assert.equal(await page.locator('.statement').textContent(), 'Residents experience silence as being forgotten.');
    assert.deepEqual(await page.locator('.figure .n').allTextContents(), ['3', '3', '3']);
    assert.deepEqual(await page.locator('.quote .who').allTextContents(), ['P01', 'P02', 'P03']);
    assert.equal(await page.locator('.quote.held').count(), 1, 'the quote consent keeps out of reports is marked');
    assert.equal(await page.locator('.quote.held .held-mark').getAttribute('title'), 'P03 agreed to be quoted only anonymised.');
    assert.equal(await page.locator('.step.current .label').textContent(), 'In review');
    assert.equal(await page.locator('.rec .action').textContent(), 'Send a status update every four weeks');
    const report = await until('the rendered report', async () => (await sent(page)).find((m) => m.type === 'rendered'));
    assert.deepEqual(report, { type: 'rendered', report: { id: 'silence', status: 'in-review', quotes: ['h-1', 'h-2', 'h-3'], strength: [3, 3, 3], level: 'pattern', recommendations: 1, injected: 0 } });
    assert.deepEqual(await page.evaluate('window.__state'), { id: 'silence' });
  });

  it('sends intents: a click or Enter on a quote reveals it, the lifecycle buttons set the status', async () => {
    const page = await opened({ type: 'insight', insight: insight(), tags: [], writable: true, omitted: 0 });
    await page.locator('.quote[data-id="h-2"]').click();
    await page.locator('.quote[data-id="h-3"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.moves vscode-button', { hasText: 'Move to Accepted' }).click();
    await page.locator('.moves vscode-button', { hasText: 'Reject' }).click();
    await page.locator('vscode-button', { hasText: 'Add recommendation' }).click();
    const intents = await until('the intents', async () => {
      const all = (await sent(page)).filter((m) => m.type !== 'ready' && m.type !== 'rendered');
      return all.length >= 5 && all;
    });
    assert.deepEqual(intents, [{ type: 'reveal', id: 'h-2' }, { type: 'reveal', id: 'h-3' }, { type: 'setStatus', status: 'accepted' }, { type: 'setStatus', status: 'rejected' }, { type: 'addRecommendation' }]);
  });

  it('shows an action’s due date, overdue mark, reason and outcome, and sends its edits and evidence as intents', async () => {
    const recommendations: InsightView['recommendations'] = [
      {
        action: 'Name an officer',
        owner: 'occupational therapy service',
        status: 'done',
        due: '2026-09-30',
        overdue: false,
        outcome: {
          change: 'Every case has a named officer.',
          measure: 'average wait for a major adaptation: 183 → 52 days (−72%)',
          evidence: [
            { ref: 'outcomes/waits.csv', kind: 'file' },
            { ref: 'https://example.org/waits', kind: 'link' },
            { ref: HOSTILE, kind: 'file' },
          ],
        },
      },
      { action: 'Build a tracker', owner: 'digital services', status: 'in-progress', due: '2026-10-31', overdue: true },
      { action: 'Ask the DWP', status: 'declined', reason: 'They cannot share dates.', overdue: false },
    ];
    const page = await opened({ type: 'insight', insight: insight({ recommendations }), tags: [], writable: true, omitted: 0 });
    await page.locator('.rec').first().waitFor();
    assert.deepEqual(await page.locator('.rec .owner').allTextContents(), ['Owner: occupational therapy service · due 2026-09-30', 'Owner: digital services · due 2026-10-31Overdue', 'No owner yet']);
    assert.deepEqual(await page.locator('.rec.overdue .action').allTextContents(), ['Build a tracker']);
    assert.equal(await page.locator('.measure').textContent(), 'average wait for a major adaptation: 183 → 52 days (−72%)');
    assert.equal(await page.locator('.reason').textContent(), 'Declined: They cannot share dates.');
    assert.equal(await page.locator('.recommendations .count').textContent(), '1 in progress · 1 done · 1 declined · 1 overdue');
    assert.equal(await page.locator('#root img, #root script, #root a').count(), 0, 'evidence is text, never a link element');
    await page.locator('.evidence-ref', { hasText: 'https://example.org/waits' }).click();
    await page.locator('.rec').nth(1).locator('vscode-button', { hasText: 'Due date' }).click();
    await page.locator('.rec').nth(1).locator('vscode-button', { hasText: 'Record outcome' }).click();
    await page.locator('.rec').nth(2).locator('vscode-button', { hasText: 'Owner' }).click();
    const intents = await until('the intents', async () => {
      const all = (await sent(page)).filter((m) => m.type !== 'ready' && m.type !== 'rendered');
      return all.length >= 4 && all;
    });
    assert.deepEqual(intents, [
      { type: 'openOutcomeEvidence', index: 0, ref: 'https://example.org/waits' },
      { type: 'editRecommendation', index: 1, field: 'due' },
      { type: 'editRecommendation', index: 1, field: 'outcome' },
      { type: 'editRecommendation', index: 2, field: 'owner' },
    ]);
  });

  it('flags a single voice as a warning, and in Restricted Mode offers no change', async () => {
    const oneVoice = insight({
      strength: { highlights: 2, participants: 1, transcripts: 1, topParticipantShare: 1, topParticipantShareText: '100%', level: 'one-voice', missing: [], withdrawn: ['h-9'] },
      evidence: [quote('h-1', 'P01'), quote('h-2', 'P01')],
    });
    const page = await opened({ type: 'insight', insight: oneVoice, tags: [], writable: false, omitted: 0 });
    await page.locator('.strength.level-one-voice').waitFor();
    assert.match((await page.locator('.strength .verdict').textContent())!, /^⚠ One voice/);
    assert.match((await page.locator('.strength').textContent())!, /1 cited highlight of a participant who withdrew consent is left out/);
    assert.equal(await page.locator('vscode-button:not(.file vscode-button), vscode-dropdown').count(), 0, 'no status buttons, no recommendation dropdowns');
    assert.equal(await page.locator('.pill.rec-status-agreed').textContent(), 'Agreed');
    assert.match((await page.locator('.file').textContent())!, /Read-only: Restricted Mode/);
  });

  it('renders study text only as text, and says how many quotes did not fit', async () => {
    const hostile = insight({ statement: HOSTILE, themes: [{ id: 't', title: HOSTILE }], evidence: [{ ...quote('h-1', 'P01'), quote: HOSTILE }], recommendations: [{ action: HOSTILE, owner: HOSTILE, status: 'proposed', overdue: false }] });
    const page = await opened({ type: 'insight', insight: hostile, tags: [{ id: 'waiting', label: HOSTILE, color: 'red; background: url(javascript:1)' }], writable: true, omitted: 40 });
    await page.locator('.statement').waitFor();
    assert.equal(await page.locator('#root img, #root script, #root a, #root iframe').count(), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await page.locator('.statement').textContent(), HOSTILE);
    assert.equal(await page.locator('.quote .tag').textContent(), HOSTILE);
    assert.equal(await page.locator('.quote .tag').evaluate((el) => (el as HTMLElement).style.getPropertyValue('--tag')), '', 'a colour that is not #rrggbb is not used');
    assert.match((await page.locator('.evidence h2').textContent())!, /41 quotes/);
    assert.match((await page.locator('.evidence').textContent())!, /…and 40 more quotes/);
  });
});
