/**
 * The map the study service's derived indexes keep per highlights file (src/core/workspace/derived.ts):
 * values kept per file, keys read from them; a key held by two files is the later file's.
 */
import * as assert from 'node:assert/strict';
import { PerFileMap } from '../../src/core/workspace/derived';

interface Card {
  id: string;
  text: string;
}
const card = (id: string, text: string): Card => ({ id, text });
const idOf = (c: Card) => c.id;

describe('a per-file map', () => {
  it('gives entries in file order, each key once: a key in two files is the later file’s', () => {
    const twice = card('h2', 'in b');
    const map = PerFileMap.of(idOf, [
      ['a', [card('h1', 'in a'), card('h2', 'in a')]],
      ['b', [twice, card('h3', 'in b')]],
    ]);
    assert.equal(map.size, 3);
    assert.deepEqual([...map.keys()], ['h1', 'h2', 'h3']);
    assert.deepEqual(
      [...map.entries()].map(([k, v]) => [k, v.text]),
      [
        ['h1', 'in a'],
        ['h2', 'in b'],
        ['h3', 'in b'],
      ],
    );
    assert.equal(map.get('h2'), twice);
    assert.deepEqual(map.valuesOf('a').map(idOf), ['h1', 'h2']);
    assert.deepEqual(
      [...map.valuesByFile()].map((values) => values.map((c) => `${c.id} ${c.text}`)),
      [['h1 in a'], ['h2 in b', 'h3 in b']],
      'by file, as values() gives them: the shadowed value left out',
    );
  });

  it('gives each file’s own array of values to walk, when no key is in two files', () => {
    const a = [card('h1', 'in a'), card('h2', 'in a')];
    const map = PerFileMap.of(idOf, [
      ['a', a],
      ['b', []],
      ['c', [card('h3', 'in c')]],
    ]);
    const parts = [...map.valuesByFile()];
    assert.equal(parts[0], a, 'not a copy');
    assert.deepEqual(parts.flat(), [...map.values()]);
  });

  it('with one file replaced, keeps the other files’ values as they were and drops a removed file’s keys', () => {
    const kept = [card('h1', 'in a')];
    const map = PerFileMap.of(idOf, [
      ['a', kept],
      ['b', [card('h2', 'in b'), card('h3', 'in b')]],
    ]);
    const next = map.with([['b', [card('h3', 'changed'), card('h4', 'new')]]], ['a', 'b']);
    assert.deepEqual(
      [...next.values()].map((c) => `${c.id} ${c.text}`),
      ['h1 in a', 'h3 changed', 'h4 new'],
    );
    assert.equal(next.valuesOf('a'), kept);
    assert.equal(next.has('h2'), false);
    const gone = next.with([['a', undefined]], ['b']);
    assert.deepEqual([...gone.keys()], ['h3', 'h4']);
    assert.equal(gone.get('h1'), undefined);
  });
});
