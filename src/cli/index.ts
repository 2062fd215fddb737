// Entry point of the bundled `sift` command (dist/cli.js).
import { exitWhenFlushed, toleratingClosedPipes } from './exit';
import { main } from './main';

toleratingClosedPipes();
main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (e: unknown) => {
    process.stderr.write(`sift: unexpected failure (please report it): ${(e as Error).stack ?? String(e)}\n`);
    return exitWhenFlushed(3);
  },
);
