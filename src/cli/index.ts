// Entry point of the bundled `sift` command (dist/cli.js).
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`sift: unexpected failure (please report it): ${(e as Error).stack ?? String(e)}\n`);
    process.exit(3);
  },
);
