import * as assert from 'node:assert/strict';
import { personaHtml } from '../../src/core/personas/card';
import { personasInOrder, personaView } from '../../src/extension/features/personas/persona-view';
import { exampleFileSystem, loaded } from '../support/example-fs';

describe('persona view (what the card and the Personas view show)', () => {
  it('shows the share the file records, and the current sample’s when it has moved since', async () => {
    const fs = exampleFileSystem();
    let ws = await loaded(fs);
    const len = personaView(ws, ws.personas.get('caught-out-at-pension-age')!);
    assert.equal(len.share, 0.5);
    assert.equal(len.currentShare, undefined);
    assert.deepEqual(len.members, ['P05', 'P06', 'P08', 'P10', 'P11', 'P12']);
    assert.deepEqual(
      len.distinguishing.map((t) => t.label),
      ['Benefit changes', 'Payment gap', 'Letters and jargon', 'Know where I stand'],
    );
    // Consent decides, per quote: P06 agreed to anonymised quotation only, and the transcripts are not pseudonymised.
    assert.deepEqual(
      len.quotes.filter((q) => !q.quotable).map((q) => q.participant),
      ['P06', 'P08'],
    );
    assert.equal(len.method, undefined, 'written by hand');

    const path = 'personas/caught-out-at-pension-age.yaml';
    fs.write(path, fs.text(path)!.replace('share: 0.5', 'share: 0.4'));
    ws = await loaded(fs);
    const moved = personaView(ws, ws.personas.get('caught-out-at-pension-age')!);
    assert.deepEqual([moved.share, moved.currentShare], [0.4, 0.5]);
    assert.deepEqual(
      personasInOrder(ws).map((p) => p.view.name),
      ['Len', 'Dana'],
      'largest first',
    );
  });
});

describe('persona as a page to print', () => {
  it('is one self-contained page titled by the persona, without the words consent keeps in the study', async () => {
    const ws = await loaded(exampleFileSystem());
    const len = ws.personas.get('caught-out-at-pension-age')!;
    const html = personaHtml(ws, len);
    assert.match(html, /<title>Len, “Caught out at pension age”<\/title>/);
    assert.match(html, /<h1>Len, “Caught out at pension age”<\/h1>/);
    assert.doesNotMatch(html, /<script|<link|src=/);
    const quotes = personaView(ws, len).quotes;
    const withheld = quotes.filter((q) => !q.quotable);
    assert.ok(withheld.length > 0);
    for (const q of withheld) assert.ok(!html.includes(q.quote.replace(/'/g, '&#39;')), `${q.id} left out`);
    assert.ok(html.includes(quotes.find((q) => q.quotable)!.quote.replace(/'/g, '&#39;')));
  });
});
