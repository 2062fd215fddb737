/**
 * Exchange with other tools from VS Code, over the same core as `sift export` / `sift import`
 * (loaded the first time one of its commands runs: dist/exchange-commands.js, registered by ./exchange.ts):
 * REFI-QDA projects and codebooks out and in, CSV out, and transcripts in from captions,
 * text exports and Word files. What a format cannot hold is always said (REFI-QDA §7): in
 * the notification, with the details in Sift's output channel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CsvFormat, Loss } from '../../../core/exchange';
import { quoteTools } from '../../../core/privacy/quotes';
import { studySharingGuard } from '../../../core/privacy/share';
import { hasErrors, type Problem } from '../../../core/problems';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';

/** REFI-QDA and CSV exchange, loaded the first time one of its commands runs (dist/exchange.js). */
const exchange = () => require('../../../core/exchange') as typeof import('../../../core/exchange');
/** The disk side of imports (a project's sources, a new folder, Word files), loaded with the first import (dist/exchange-files.js). */
/** The study's privacy files (key, names list), read with the personal-data scan's own module (dist/privacy-scanner.js). */
const privacy = () => require('../privacy/privacy-scanner') as typeof import('../privacy/privacy-scanner');

const TRANSCRIPT_FILES = { Transcripts: ['vtt', 'srt', 'sbv', 'txt', 'docx', 'md'] };

/** What each exchange command does, by its id (./exchange.ts registers the ids). */
export function exchangeCommands(sift: SiftContext, report: (problems: Problem[]) => boolean): ReadonlyMap<string, (...args: never[]) => unknown> {
  /** Runs `action` on the study the researcher means, once it is loaded (arguments: for automation and tests). */
  const withModel =
    <A extends unknown[]>(action: (model: ResearchModel, ...args: Partial<A>) => Promise<void>) =>
    async (...args: Partial<A>) => {
      const model = await sift.pickModel();
      if (!model?.workspace?.project) {
        void vscode.window.showInformationMessage('Open a folder with a research.yaml first (or run "Sift: Create Research Workspace").');
        return;
      }
      await action(model, ...args);
    };

  /** Tells what happened, and what the format could not hold, with the details in the output channel. */
  const done = (message: string, losses: readonly Loss[], heading: string) => {
    if (losses.length === 0) return void vscode.window.showInformationMessage(message);
    sift.log.info(`${message} ${heading}`);
    for (const l of losses) sift.log.info(`  - ${exchange().formatLoss(l)}`);
    void vscode.window.showInformationMessage(`${message} ${heading} ${losses.map((l) => l.what).join(', ')}.`, 'Show Details').then((pick) => pick && sift.log.show());
  };

  const saveTo = (model: ResearchModel, name: string, filters: Record<string, string[]>) => vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(model.folder.uri, '..', name), filters, title: `Save ${name}` });

  return new Map<string, (...args: never[]) => unknown>([
    [
      'sift.exportQdpx',
      withModel<[vscode.Uri]>(async (model, given) => {
        const ws = model.workspace!;
        const target = given ?? (await saveTo(model, `${model.folder.name}.qdpx`, { 'REFI-QDA project': ['qdpx'] }));
        if (!target) return;
        const result = await exchange().exportQdpx(ws, model.fs);
        if (report(result.problems) && result.bytes.length === 0) return;
        await vscode.workspace.fs.writeFile(target, result.bytes);
        const highlights = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0);
        done(`Exported ${path.basename(target.path)}: ${ws.transcripts.size} transcripts, ${highlights} highlights, ${ws.codebook.length} codes.`, result.losses, 'REFI-QDA cannot hold:');
      }),
    ],
    [
      'sift.exportQdc',
      withModel(async (model) => {
        const target = await saveTo(model, `${model.folder.name}.qdc`, { 'REFI-QDA codebook': ['qdc'] });
        if (!target) return;
        const { xml, losses } = exchange().exportQdc(model.workspace!);
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(xml));
        done(`Exported the codebook to ${path.basename(target.path)}: ${model.workspace!.codebook.length} codes.`, losses, 'Left out:');
      }),
    ],
    [
      'sift.exportCsv',
      withModel(async (model) => {
        const DESCRIPTIONS: Record<CsvFormat, string> = {
          long: 'one row per highlight and tag, with participant attributes (for R, pandas, pivot tables)',
          wide: 'one row per highlight, a 0/1 column per tag',
          codebook: 'the codebook: tags with their parents, colours and descriptions',
        };
        const pick = await vscode.window.showQuickPick(
          exchange().CSV_FORMATS.map((f) => ({ label: f, detail: DESCRIPTIONS[f], format: f })),
          { title: 'Export CSV', placeHolder: 'Which table?' },
        );
        if (!pick) return;
        const target = await saveTo(model, `${model.folder.name}-${pick.format}.csv`, { CSV: ['csv'] });
        if (!target) return;
        // For spreadsheets: a byte-order mark (Excel then reads the UTF-8 right) and formulas guarded.
        const ws = model.workspace!;
        const csv = exchange().renderCsv(exchange().csvRows(ws, pick.format, quoteTools(ws, await privacy().readPrivacySources(model.fs, ws), await studySharingGuard(model.fs, ws))), { bom: true, guardFormulas: true });
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
        done(`Exported ${path.basename(target.path)}.`, [], '');
      }),
    ],
    [
      'sift.importQdpx',
      async () => {
        const [file] = (await vscode.window.showOpenDialog({ title: 'Import a REFI-QDA project', filters: { 'REFI-QDA project': ['qdpx', 'qde'] }, canSelectMany: false })) ?? [];
        if (!file) return;
        const [parent] = (await vscode.window.showOpenDialog({ title: 'Where to create the new research workspace', canSelectFiles: false, canSelectFolders: true, openLabel: 'Create Workspace Here' })) ?? [];
        if (!parent) return;
        const name = await vscode.window.showInputBox({
          title: 'Name of the new workspace folder',
          value: path.basename(file.path).replace(/\.(qdpx|qde)$/i, ''),
          validateInput: (v) => (/^[^/\\]+$/.test(v.trim()) ? undefined : 'A folder name, without slashes.'),
        });
        if (!name) return;
        const bytes = await vscode.workspace.fs.readFile(file);
        const label = path.basename(file.path);
        const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // a .qdpx; anything else is read as a bare project.qde
        // Texts outside the archive (relative://, file://) and a bare .qde's sources/ are read from disk where the project is.
        const onDisk = file.scheme === 'file';
        const importWith = (skipMissingSources: boolean) => {
          const options = { skipMissingSources, ...(onDisk ? { readExternal: sift.adapters.importFiles().externalSourceReader(file.fsPath) } : {}) };
          return isZip ? exchange().importQdpx(bytes, label, options) : exchange().importQde(bytes, onDisk ? sift.adapters.importFiles().textsBeside(file.fsPath) : new Map(), label, options);
        };
        let result = await importWith(false);
        if (result.problems.some((p) => p.code === 'refi-sources-missing') && !result.problems.some((p) => p.code === 'refi-nothing-kept')) {
          report(result.problems);
          const skip = 'Import Without Them';
          const pick = await vscode.window.showWarningMessage(`Some source texts of ${label} cannot be found or read (listed in Problems). Import the project without them? Their coding will be left out.`, { modal: true }, skip);
          if (pick !== skip) return;
          result = await importWith(true);
        }
        report(result.problems);
        if (result.edits.length === 0) return;
        const target = vscode.Uri.joinPath(parent, name.trim());
        try {
          await sift.adapters.importFiles().createFolder(
            target.fsPath,
            result.edits.flatMap((e) => (e.kind === 'write' ? [{ path: e.path, content: e.content }] : [])),
          );
        } catch (e) {
          if (e instanceof sift.adapters.importFiles().FolderNotEmptyError) return void vscode.window.showErrorMessage(e.message);
          throw e;
        }
        const c = result.counts;
        done(`Imported ${label}: ${c.transcripts} transcripts, ${c.highlights} highlights, ${c.tags} tags, ${c.participants} participants.`, result.losses, 'Sift cannot hold:');
        // Not awaited: the command is done; the notification waits for the researcher.
        void vscode.window.showInformationMessage(`The new workspace is in ${target.fsPath}.`, 'Open Folder').then((open) => open && vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true }));
      },
    ],
    [
      'sift.importQdc',
      withModel(async (model) => {
        const [file] = (await vscode.window.showOpenDialog({ title: 'Import a REFI-QDA codebook', filters: { 'REFI-QDA codebook': ['qdc'] } })) ?? [];
        if (!file) return;
        const bytes = await vscode.workspace.fs.readFile(file);
        let imported: Awaited<ReturnType<ReturnType<typeof exchange>['importQdc']>> | undefined;
        const problems = await model.change('Import codebook', async (plan, ws) => {
          imported = await exchange().importQdc(plan, ws, bytes, path.basename(file.path));
          return imported.problems;
        });
        if (report(problems) || !imported) return;
        done(`Added ${imported.added.length} tag(s) to the codebook${imported.matched.length > 0 ? `; ${imported.matched.length} already there` : ''}.`, imported.losses, 'Left out:');
      }),
    ],
    [
      'sift.importTranscripts',
      withModel<[vscode.Uri[], string]>(async (model, givenFiles, givenParticipant) => {
        const files = givenFiles ?? (await vscode.window.showOpenDialog({ title: 'Import transcripts (captions, text exports, Word files)', filters: TRANSCRIPT_FILES, canSelectMany: true }));
        if (!files?.length) return;
        const participant =
          givenParticipant ??
          (await vscode.window.showInputBox({
            title: 'Participant (optional)',
            prompt: files.length === 1 ? 'The participant id for this transcript, e.g. P07; leave empty if several people speak.' : 'One participant id for all of them, or leave empty.',
          }));
        if (participant === undefined) return;
        const incoming = await Promise.all(files.map(async (f) => ({ ...(await sift.adapters.importFiles().transcriptFileText(path.basename(f.path), await vscode.workspace.fs.readFile(f))), name: path.basename(f.path) })));
        let planned: Awaited<ReturnType<ReturnType<typeof exchange>['planTranscriptImport']>> | undefined;
        const problems = await model.change('Import transcripts', async (plan, ws) => {
          planned = await exchange().planTranscriptImport(plan, ws, incoming, participant.trim() || undefined);
          return planned.problems;
        });
        if (report(problems) || !planned || hasErrors(problems)) return;
        for (const note of planned.notes) sift.log.info(`Import transcripts: ${note}`);
        const first = planned.created[0]?.replace(/ \(.*$/, '');
        void vscode.window
          .showInformationMessage(`Imported ${planned.created.length} transcript(s): ${planned.created.join('; ')}.${planned.notes.length ? ` ${planned.notes.join(' ')}` : ''}`, ...(first ? ['Open'] : []))
          .then((pick) => (pick && first ? vscode.window.showTextDocument(model.fs.uri(first)) : undefined));
      }),
    ],
  ]);
}
