/**
 * Libraries in VS Code: a folder holding library.yaml opens every study it lists (each a
 * workspace of its own, loaded as if it were a folder of the window), and the studies open
 * here — from a library or from the folders of a multi-root workspace — are searched
 * together by Find Highlights, with the library's shared codebook where there is one.
 */
import * as vscode from 'vscode';
import { LIBRARY_FILE, parseLibrary, type Library, type LibraryStudy, type SearchableStudy } from '../../../core/library';
import { RESEARCH_FILE } from '../../../core/workspace/workspace';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';

/** The libraries open in this window, by the folder of their library.yaml. */
const libraries = new Map<string, { library: Library; folder: vscode.WorkspaceFolder }>();

/**
 * The studies a workspace folder's library.yaml lists, as folders to open (present ones
 * only; `sift check` says why one is missing). None when the folder holds no library.
 */
export async function studiesOfLibrary(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<vscode.WorkspaceFolder[]> {
  libraries.delete(folder.uri.toString());
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, LIBRARY_FILE));
  } catch {
    return [];
  }
  const { library, problems } = parseLibrary(new TextDecoder().decode(bytes));
  if (!library) {
    log.warn(`${folder.name}/${LIBRARY_FILE} could not be read: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join(' ')}`);
    return [];
  }
  libraries.set(folder.uri.toString(), { library, folder });
  const studies = await Promise.all(
    library.studies.map(async (s): Promise<vscode.WorkspaceFolder | undefined> => {
      const uri = vscode.Uri.joinPath(folder.uri, s.path);
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(uri, RESEARCH_FILE));
        return { uri, name: s.id, index: folder.index };
      } catch {
        log.warn(`${folder.name}/${LIBRARY_FILE}: the study ${s.id} is not at ${s.path} (run \`sift check\` there for details).`);
        return undefined;
      }
    }),
  );
  return studies.filter((s): s is vscode.WorkspaceFolder => s !== undefined);
}

/** The library listing a study (by its folder, however the study was opened), with its entry there. */
function libraryOf(model: ResearchModel): { library: Library; study: LibraryStudy } | undefined {
  const uri = model.folder.uri.toString();
  for (const { library, folder } of libraries.values()) {
    const study = library.studies.find((s) => vscode.Uri.joinPath(folder.uri, s.path).toString() === uri);
    if (study) return { library, study };
  }
  return undefined;
}

/**
 * Every loaded study with its index, named as its library names it (else by its folder),
 * and the library they share when they all come from one (its global tags then count).
 */
export function searchableStudies(sift: SiftContext): { library: Library | undefined; studies: (SearchableStudy & { model: ResearchModel })[] } {
  const ready = sift.models.filter((m) => m.workspace?.project);
  const listed = ready.map(libraryOf);
  const shared = new Set(listed.map((l) => l?.library));
  const library = shared.size === 1 ? [...shared][0] : undefined;
  const studies = ready.flatMap((model, i) => {
    const index = model.search();
    const study = listed[i]?.study ?? { id: model.folder.name, path: model.folder.name, tags: {} };
    return index ? [{ study, workspace: model.workspace!, index, model }] : [];
  });
  return { library, studies };
}

/** A study's name in the views: its id in the library that lists it, else its folder's name. */
export function studyName(model: ResearchModel): string {
  return libraryOf(model)?.study.id ?? model.folder.name;
}

/** Calls `changed` when a library.yaml at the top of a folder is created, edited or deleted (`sift library init` in the terminal, a pull). */
export function libraryWatcher(changed: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${LIBRARY_FILE}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(changed, 200);
  };
  return vscode.Disposable.from(watcher, watcher.onDidCreate(soon), watcher.onDidChange(soon), watcher.onDidDelete(soon), { dispose: () => timer && clearTimeout(timer) });
}
