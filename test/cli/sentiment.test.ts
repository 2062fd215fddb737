/**
 * `sift sentiment` on a copy of the example whose journey has three quotes without a sentiment:
 * the proposals with their reasons (exact text and JSON), nothing written by listing, confirm
 * and dismiss writing only the moment they name (comments kept), and clear refusals.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, fingerprint, sift } from './support';

const JOURNEY = 'journeys/getting-an-adaptation-fitted.yaml';

/** A copy of the example with three moments unrated (one of them with a comment). */
function study(): string {
  const dir = copyOfExample();
  const file = path.join(dir, JOURNEY);
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('- {id: h-1z6nbggp, sentiment: -1}', '- {id: h-1z6nbggp}')
      .replace('- {id: h-4yfqcv9s, sentiment: -2}', '- {id: h-4yfqcv9s} # the worst of it')
      .replace('- {id: h-tgzeq57m, sentiment: 2}', '- {id: h-tgzeq57m}'),
  );
  return dir;
}

after(cleanupTemps);

describe('sift sentiment', () => {
  it('lists a proposal with its reason for each journey quote without a sentiment, and writes nothing', () => {
    const dir = study();
    const before = fingerprint(dir);
    const r = sift(['sentiment', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'Getting an adaptation fitted (getting-an-adaptation-fitted)',
        '  Noticing the need',
        "    h-1z6nbggp  “getting in and out of the bath has become, um, it's become genuinely …”",
        "      proposed −1 negative (score −0.48): 'dangerous'",
        '  The assessment',
        '    h-tgzeq57m  “Felt like someone finally heard me.”',
        '      proposed 0 neutral (score 0.00): no words of feeling',
        '  Waiting after the assessment',
        "    h-4yfqcv9s  “the worst of it is not the waiting, really, it's the not knowing.”",
        "      proposed −2 negative (score −0.62): 'worst'",
        '3 quotes without a sentiment. Nothing is written until you confirm: sift sentiment confirm <h-id> [negative|neutral|positive|-2…2], or dismiss <h-id>.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(fingerprint(dir), before);
    const json = sift(['sentiment', dir, '--journey', 'getting-an-adaptation-fitted', '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const list = JSON.parse(json.stdout);
    assert.deepEqual(
      list.map((p: { highlight: string; label: string; scale: number; reason: string }) => [p.highlight, p.label, p.scale, p.reason]),
      [
        ['h-1z6nbggp', 'negative', -1, "'dangerous'"],
        ['h-tgzeq57m', 'neutral', 0, 'no words of feeling'],
        ['h-4yfqcv9s', 'negative', -2, "'worst'"],
      ],
    );
    assert.deepEqual(list[0].cues, [{ word: 'dangerous', start: 69, end: 78, valence: -2.1, negated: false, phrase: 'dangerous' }]);
  });

  it('confirm writes the proposal or the value named; dismiss is remembered; both keep comments', () => {
    const dir = study();
    const file = path.join(dir, JOURNEY);
    const original = readFileSync(file, 'utf8');
    let r = sift(['sentiment', 'confirm', 'h-4yfqcv9s', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Sentiment −2 written for h-4yfqcv9s on getting-an-adaptation-fitted (${JOURNEY}).\n`);
    r = sift(['sentiment', 'confirm', 'h-1z6nbggp', 'negative', dir]);
    assert.equal(r.stdout, `Sentiment −1 written for h-1z6nbggp on getting-an-adaptation-fitted (${JOURNEY}).\n`);
    r = sift(['sentiment', 'dismiss', 'h-tgzeq57m', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Dismissed the sentiment proposal for h-tgzeq57m on getting-an-adaptation-fitted: it will not be offered again.\n');
    assert.equal(
      readFileSync(file, 'utf8'),
      original
        .replace('- {id: h-1z6nbggp}', '- {id: h-1z6nbggp, sentiment: -1}')
        .replace('- {id: h-4yfqcv9s} # the worst of it', '- {id: h-4yfqcv9s, sentiment: -2} # the worst of it')
        .replace('- {id: h-tgzeq57m}', '- {id: h-tgzeq57m, proposal: dismissed}'),
    );
    r = sift(['sentiment', dir]);
    assert.equal(r.stdout, 'Every quote on the journey map has a sentiment or a dismissed proposal: nothing to propose.\n');
  });

  it('says there is nothing to propose from, exit 1, when no journey holds a quote (not that every quote has a sentiment)', () => {
    const dir = copyOfExample();
    rmSync(path.join(dir, JOURNEY));
    let r = sift(['sentiment', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "This study has no journeys, so there are no quotes to propose a sentiment for: put quotes on a journey's stages first (Add to Journey… in VS Code).\n");
    writeFileSync(path.join(dir, 'journeys/empty.yaml'), 'title: Empty\nstages:\n  - id: first\n    title: First\n    highlights: []\n');
    r = sift(['sentiment', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "No journey holds a quote yet, so there are none to propose a sentiment for: put quotes on a journey's stages first (Add to Journey… in VS Code).\n");
    r = sift(['sentiment', dir, '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '[]\n');
  });

  it('refuses what it cannot do, with a sentence and nothing written', () => {
    const dir = study();
    const before = fingerprint(dir);
    let r = sift(['sentiment', 'confirm', 'h-bgtjrrje', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /h-bgtjrrje is on no journey: put it on a stage first/);
    r = sift(['sentiment', 'dismiss', 'h-8sxpn8fx', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already has a sentiment \(-1\) on journey getting-an-adaptation-fitted; there is no proposal to dismiss/);
    r = sift(['sentiment', dir, '--journey', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /There is no journey nope; the journeys are: getting-an-adaptation-fitted/);
    assert.deepEqual(fingerprint(dir), before);
  });
});
