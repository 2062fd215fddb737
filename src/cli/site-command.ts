/**
 * `sift site [dir] --out folder [--title text]`: the static insight site of a study, for
 * people without VS Code — built from the same data as `sift report`, so consent and
 * masking are the report's, and written to a folder that opens from disk or from any web
 * server (GitHub Pages in the CI template).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { libraryInsightReports, type LibraryInsightReport } from '../core/library/report';
import { NO_GUARD } from '../core/privacy/share';
import { buildSite, type SiteStudy } from '../core/site';
import { PAGE_FILES, SEARCH_PARTS } from '../core/site/paths';
import { studyGuard } from '../node/privacy-scan';
import { NotASiteFolderError, writeSiteFolder } from '../node/site-folder';
import type { Io } from './io';
import { isLibraryFolder } from '../node/library';
import { readableLibraryForSharing } from './library-commands';
import { openLibrary } from './library-open';
import { openWorkspace, UsageError } from './open';
import { readableForSharing, worthSharing } from './report-command';
import { clipLinks } from '../node/clip-links';

/** The search page's script, bundled by scripts/build.mjs next to the CLI. */
const SEARCH_SCRIPT = path.join(__dirname, 'webview', 'site.js');

export async function siteCommand(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' }, title: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  if (!values.out) throw new UsageError('Give the folder to write the site to with --out, e.g. `sift site --out site`.');
  if (!existsSync(SEARCH_SCRIPT)) throw new Error(`The site's search script is missing (${SEARCH_SCRIPT}); rebuild Sift with \`npm run build\`.`);
  const dir = positionals[0] ?? '.';
  if (isLibraryFolder(dir)) return librarySite(dir, values.out, values.title, io);
  const { workspace, fs, root } = await openWorkspace(dir);
  if (!readableForSharing(workspace, io, 'site') || !worthSharing(workspace, io, 'site')) return 1;
  const copies = new SiteCopies();
  const study: SiteStudy = { id: path.basename(root), title: workspace.project!.name, root, workspace, guard: await studyGuard(workspace, fs, root), clips: copies.clipsOf(root) };
  return writeSite([study], values.out, values.title, io, undefined, copies);
}

/** The site of a library: every study it lists, each with its own consent and masking, and the library's own insights across them. */
async function librarySite(dir: string, out: string, title: string | undefined, io: Io): Promise<number> {
  const loaded = await openLibrary(dir);
  if (!readableLibraryForSharing(loaded, io, 'site')) return 1;
  const copies = new SiteCopies();
  const studies = await Promise.all(
    loaded.studies.map(async (s): Promise<SiteStudy> => ({ id: s.id, title: s.workspace.project!.name, root: s.root, workspace: s.workspace, guard: await studyGuard(s.workspace, s.opened.fs, s.root), clips: copies.clipsOf(s.root) })),
  );
  const guards = new Map(studies.map((s) => [s.id, s.guard ?? NO_GUARD]));
  const libraryInsights = libraryInsightReports(loaded.studies, [...loaded.insights.values()], guards);
  return writeSite(studies, out, title ?? loaded.library.name, io, libraryInsights, copies);
}

/** The clips the site's quotes link to, copied into it from each study's `.sift/clips/` (once each). */
class SiteCopies {
  readonly byTarget = new Map<string, string>();

  clipsOf(root: string): NonNullable<SiteStudy['clips']> {
    const links = clipLinks(root, root);
    return { exists: links.exists, copy: (p, to) => void this.byTarget.set(to, path.join(root, ...p.split('/'))) };
  }

  list(): { from: string; to: string }[] {
    return [...this.byTarget].map(([to, from]) => ({ from, to }));
  }
}

/** The bundle without its source-map comment: the map stays with Sift, the site would only fetch it in vain. */
function searchScript(): string {
  return readFileSync(SEARCH_SCRIPT, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** Builds and writes the site of these studies (one, or a library's: its loader gives the list). */
export async function writeSite(studies: readonly SiteStudy[], out: string, title: string | undefined, io: Io, libraryInsights?: readonly LibraryInsightReport[], copies?: SiteCopies): Promise<number> {
  const files = buildSite(studies, { ...(title ? { title } : {}), searchScript: searchScript(), ...(libraryInsights ? { libraryInsights } : {}) });
  try {
    await writeSiteFolder(out, files, copies?.list());
  } catch (error) {
    if (error instanceof NotASiteFolderError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  const size = (p: string) => Buffer.byteLength(files.find((f) => f.path === p)?.content ?? '');
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  const pages = files.filter((f) => f.path.endsWith('.html')).length;
  const clips = copies?.byTarget.size ?? 0;
  const parts = files.filter((f) => f.path.startsWith(`${SEARCH_PARTS}/`));
  const index = parts.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  io.out(
    `Wrote a site of ${pages} pages to ${out}: open ${path.join(out, PAGE_FILES.overview)} (first page ${kb(size(PAGE_FILES.overview) + size('assets/site.css'))}; search index ${kb(index)}${parts.length > 1 ? ` in ${parts.length} parts` : ''}, loaded only when searching)${clips > 0 ? `, with ${clips} clip${clips === 1 ? '' : 's'} its quotes link to` : ''}.`,
  );
  return 0;
}
