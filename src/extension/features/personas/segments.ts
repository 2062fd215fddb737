/**
 * "Segment Participants…": the researcher picks what to divide the participants by (the
 * coding, attributes, or both) and how many segments (each k with its silhouette, the
 * best first); each participant's segment is then written as an attribute in
 * participants.yaml and declared in research.yaml, as one undoable edit, so the matrices,
 * coverage and the report work by it.
 */
import * as vscode from 'vscode';
import type { Segmentation } from '../../../core/personas/generation';
import type { SiftContext } from '../../context';
/** Generate Personas' flow and its clustering, loaded on first use (dist/persona-flow.js). */
const flow = () => require('./persona-generation') as typeof import('./persona-generation');
import { report } from '../tagging';

/** Lets a caller (a test) skip the pickers. */
export interface SegmentCommandOptions {
  by?: string[];
  k?: number;
  name?: string;
}

const CODING = 'tags';

export function registerSegments(sift: SiftContext): vscode.Disposable {
  return vscode.commands.registerCommand('sift.segmentParticipants', async (options: SegmentCommandOptions = {}) => {
    const model = await sift.pickModel();
    const ws = model?.workspace;
    if (!model || !ws?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to segment its participants.');
    if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('This folder is open in Restricted Mode: Sift writes no segment until you trust the folder.');
    const by = options.by ?? (await pickInputs(Object.keys(ws.project.attributes).filter((a) => a !== (options.name ?? 'segment'))));
    if (!by || by.length === 0) return undefined;
    const tags = by.includes(CODING);
    const attributes = by.filter((b) => b !== CODING);
    const k = options.k ?? (await flow().pickK(flow().personaGeneration().generatePersonas(ws, { tags, attributes }), 'segments', 'Segment Participants (2/2)'));
    if (k === undefined) return undefined;
    let done: Segmentation | undefined;
    const problems = await model.change('Segment participants', async (plan, current) => {
      done = flow()
        .personaGeneration()
        .segmentParticipants(current, { tags, attributes, ...(k > 0 ? { k } : {}), ...(options.name ? { name: options.name } : {}) });
      return flow().personaGeneration().writeSegments(plan, current, done);
    });
    if (report(problems) || !done) return undefined;
    const s = done;
    const total = s.segments.reduce((n, g) => n + g.participants.length, 0) + s.unassigned.length;
    const summary = `Wrote “${s.attribute}” for ${total - s.unassigned.length} participants: ${flow()
      .personaGeneration()
      .segmentShares(s)
      .map((g) => `${g.value} (${g.shareText} of the total sample)`)
      .join(', ')}.`;
    sift.log.info(`Segment participants: ${summary} ${s.method}.`);
    void vscode.window.showInformationMessage(summary, 'Open Matrices').then((choice) => choice && vscode.commands.executeCommand('sift.openAnalysis'));
    return { attribute: s.attribute, segments: s.segments.map((g) => ({ value: g.value, participants: g.participants })), summary };
  });
}

/** The coding and the participant attributes, to divide the participants by. */
async function pickInputs(attributes: readonly string[]): Promise<string[] | undefined> {
  const items = [{ label: 'The coding', description: 'what each participant talks about (tag profiles)', value: CODING, picked: true }, ...attributes.map((a) => ({ label: a, description: 'participant attribute', value: a }))];
  const picks = await vscode.window.showQuickPick(items, { title: 'Segment Participants (1/2): divide them by…', placeHolder: 'The coding, attributes, or both', canPickMany: true, ignoreFocusOut: true });
  return picks?.map((p) => p.value);
}
