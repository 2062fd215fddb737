/**
 * Required by the mocha configurations before any test: what every node entry point installs
 * for the core (the list of given names the personal-data scan reads on first use), so a test
 * file that calls the core directly sees it as the CLI and the extension do.
 */
import '../../src/node/core-libraries';

// From sources the test build's instrumentation is on, as in `scripts/build.mjs --integration`
// (src/protocol/test-build.ts): esbuild defines SIFT_TEST in bundles, tsx leaves it to this global.
(globalThis as { SIFT_TEST?: boolean }).SIFT_TEST = true;
