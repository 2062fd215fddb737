/**
 * SIFT_TEST is true in the test build (`scripts/build.mjs --integration`, `--instrumented`) and
 * false in the product, where esbuild drops every `if (SIFT_TEST)` branch: the test-only
 * commands and the `rendered` reports of the webviews, by which the integration tests, the load
 * test and the board benchmark see what a panel shows. From sources (mocha through tsx) it is
 * true (test/support/node-host.ts).
 */
declare global {
  const SIFT_TEST: boolean;
}

export {};
