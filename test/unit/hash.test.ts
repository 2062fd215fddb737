import * as assert from 'node:assert/strict';
import { gitBlobHash, pureSha1, useSha1 } from '../../src/core/hash';
import { nativeSha1 } from '../../src/node/native-hash';

describe('git blob hashes', () => {
  // `printf 'hello\n' | git hash-object --stdin` and an empty blob, as git computes them.
  const KNOWN: [string, string][] = [
    ['hello\n', 'ce013625030ba8dba906f756967f9e9ca394464a'],
    ['', 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'],
  ];
  const long = 'é🙂x\n'.repeat(50_000);

  afterEach(() => useSha1(nativeSha1));

  for (const [name, sha1] of [
    ['JavaScript', pureSha1],
    ['native', nativeSha1],
  ] as const) {
    it(`gives git’s values with the ${name} SHA-1`, () => {
      useSha1(sha1);
      assert.deepEqual(
        KNOWN.map(([text]) => gitBlobHash(text)),
        KNOWN.map(([, h]) => h),
      );
    });
  }

  it('the two agree on long multi-byte text', () => {
    useSha1(pureSha1);
    const pure = gitBlobHash(long);
    useSha1(nativeSha1);
    assert.equal(gitBlobHash(long), pure);
  });
});
