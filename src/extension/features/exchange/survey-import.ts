/**
 * Sift: Import Survey Comments (CSV, Excel)… — `sift import survey` in VS Code: pick the sheet,
 * then the column of comments, the respondent id column (or numbered respondents) and the
 * attribute columns. The sheet is kept in the study under sources/ (unless it is already in
 * it); importing it again after an edit updates the study. Bad cells are shown by row and
 * column and nothing is written.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasErrors } from '../../../core/problems';
import type { SurveyImport } from '../../../core/survey/import';
import type { Sheet } from '../../../core/survey/sheet';
import type { SiftContext } from '../../context';
import { report } from '../tagging';

/** Arguments for automation and tests: the file and the columns, skipping the pickers. */
interface Given {
  file?: vscode.Uri;
  text?: string;
  id?: string;
  attributes?: string[];
}

export function registerSurveyImport(sift: SiftContext): vscode.Disposable {
  return vscode.commands.registerCommand('sift.importSurvey', async (given: Given = {}) => {
    const model = await sift.pickModel();
    if (!model?.workspace?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml first (or run "Sift: Create Research Workspace").');
    const file = given.file ?? (await vscode.window.showOpenDialog({ title: 'Import survey comments', filters: { 'Sheets of comments': ['csv', 'tsv', 'xlsx'] } }))?.[0];
    if (!file) return;
    const bytes = await vscode.workspace.fs.readFile(file);
    const inside = model.fs.relative(file);
    const source = inside ?? `sources/${path.basename(file.path)}`;
    const { readSheetFile, planSurveyImport } = sift.adapters.surveys();
    const read = await readSheetFile(source, bytes);
    if (!read.ok) return void report(read.problems);
    const columns = given.text ? { text: given.text, id: given.id, attributes: given.attributes ?? [] } : await pickColumns(read.sheet);
    if (!columns) return;
    let planned: SurveyImport | undefined;
    const problems = await model.change('Import survey comments', async (plan, ws) => {
      planned = await planSurveyImport(plan, ws, model.fs, read.sheet, { source, text: columns.text, ...(columns.id ? { id: columns.id } : {}), attributes: columns.attributes });
      return planned.problems;
    });
    if (report(problems) || !planned || hasErrors(problems)) return;
    // The sheet is the truth the transcript is made from: keep it in the study.
    if (!inside) await vscode.workspace.fs.writeFile(model.fs.uri(source), bytes);
    for (const note of planned.notes) sift.log.info(`Import survey comments: ${note}`);
    const changes =
      planned.added.length === planned.comments
        ? ''
        : ` Since the last import: ${planned.added.length} new, ${planned.changed.length} edited, ${planned.removed.length} no longer in the sheet${planned.keptHighlights ? ` (their ${planned.keptHighlights} highlights kept, orphaned)` : ''}.`;
    const pick = await vscode.window.showInformationMessage(`Imported ${planned.comments} comments from ${planned.respondents} respondents into ${planned.transcript}.${changes}`, 'Open Affinity Board');
    if (pick) await vscode.commands.executeCommand('sift.openBoard');
  });
}

/** The comment column, the id column (or none) and the attribute columns, by quick picks. */
async function pickColumns(sheet: Sheet): Promise<{ text: string; id?: string; attributes: string[] } | undefined> {
  const headers = sheet.headers.filter(Boolean);
  const sample = (h: string) => sheet.rows[0]?.cells[sheet.headers.indexOf(h)]?.slice(0, 80) ?? '';
  const text = await vscode.window.showQuickPick(
    headers.map((h) => ({ label: h, description: sample(h) })),
    { title: 'Import survey comments (1/3): the column with the comments' },
  );
  if (!text) return undefined;
  const NONE = '$(list-ordered) No id column: number the respondents R001, R002, …';
  const id = await vscode.window.showQuickPick([{ label: NONE }, ...headers.filter((h) => h !== text.label).map((h) => ({ label: h, description: sample(h) }))], { title: 'Import survey comments (2/3): the respondent id column' });
  if (!id) return undefined;
  const rest = headers.filter((h) => h !== text.label && h !== id.label);
  const attributes = rest.length
    ? await vscode.window.showQuickPick(
        rest.map((h) => ({ label: h, description: sample(h) })),
        { title: 'Import survey comments (3/3): attribute columns (age band, channel …)', canPickMany: true },
      )
    : [];
  if (!attributes) return undefined;
  return { text: text.label, ...(id.label !== NONE ? { id: id.label } : {}), attributes: attributes.map((a) => a.label) };
}
