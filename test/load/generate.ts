/**
 * The synthetic studies the load run opens in the real VS Code: the benchmark's 50,000-highlight
 * workspace (bench/generate.ts, reused when already generated) and a 200,000-highlight one.
 * Prints the folder of each, one per line: `<highlights> <folder>`.
 */
import * as path from 'node:path';
import { ensureWorkspace, FULL_CORPUS, type CorpusParams } from '../../bench/generate';

export const LOAD_STUDIES: Record<string, CorpusParams> = {
  '50000': FULL_CORPUS,
  '200000': { ...FULL_CORPUS, transcripts: 2000, participants: 2000, highlightsPerTranscript: 100 },
};

async function main(): Promise<void> {
  const work = path.join(__dirname, '..', '..', 'bench', '.work');
  for (const size of process.argv.slice(2)) {
    const params = LOAD_STUDIES[size];
    if (!params) throw new Error(`no study of ${size} highlights (${Object.keys(LOAD_STUDIES).join(', ')})`);
    const ws = await ensureWorkspace(work, params, (line) => console.error(line));
    console.log(`${size} ${ws.root}`);
  }
}

if (require.main === module) void main().catch((e: unknown) => (console.error(e), (process.exitCode = 1)));
