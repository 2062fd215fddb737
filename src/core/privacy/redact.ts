/**
 * `sift redact`: pseudonymising a study's transcripts, and reversing it with the key.
 *
 * Both directions are one replacement of spans per transcript, planned as file edits:
 * the transcript's new text; its highlights file, with every highlight's offsets carried
 * through the replacement and its quote, context and the transcript hash taken from the
 * new text (so each highlight stays on the same words, and themes, insights and personas,
 * which refer to highlights by id, keep their evidence); and the key file, which records
 * where each pseudonym was put so the reverse restores the exact original text.
 */
import { makeAnchor } from '../anchoring/selectors';
import { gitBlobHash } from '../hash';
import type { FileEdit, IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { EditPlan } from '../store/plan';
import { itemById } from '../store/nodes';
import { CodePointIndex, normalizeText } from '../text';
import { readText } from '../workspace/load';
import type { FileKind } from '../validate';
import { highlightsPathFor, RESEARCH_FILE, type Workspace } from '../workspace/workspace';
import type { PiiFinding } from './findings';
import { emptyKey, renderKey, type PrivacyKey, type Replacement, type ValueReplacement } from './key';
import { forEachProseScalar } from './prose';
import type { Scalar } from 'yaml';
import { Pseudonymiser } from './pseudonyms';
import { replaceSpans, type Replaced, type SpanEdit } from './remap';
import type { PrivacySources } from './scan';
import { verifyRedaction } from './verify';

/** One file's change, for a preview: its normalised text before and after. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** The replacements made: in a transcript in position order, with offsets in `before`; in a YAML file, whole values. */
  replaced: { start?: number; end?: number; from: string; to: string }[];
}

export interface RedactionResult {
  edits: FileEdit[];
  problems: Problem[];
  changes: FileChange[];
  /** Findings that could not be replaced automatically (in YAML prose, words not literally in the value). */
  leftForHand: PiiFinding[];
}

/**
 * Plans the pseudonymisation of every transcript with findings. A transcript whose
 * highlights are not all resolved (fuzzy or orphaned) is refused, with a problem: its
 * highlights could not be carried through the change with certainty.
 */
export async function planRedaction(fs: IFileSystem, ws: Workspace, sources: PrivacySources, findings: readonly PiiFinding[]): Promise<RedactionResult> {
  const key = cloneKey(sources.key ?? emptyKey());
  const pseudonyms = new Pseudonymiser(key.pseudonyms).assign(findings);
  const plan = new EditPlan(fs, ws.versions);
  const changes: FileChange[] = [];
  const problems: Problem[] = [];
  const leftForHand: PiiFinding[] = [];
  /** YAML files changed, with their text before: their text after is known once the plan is complete. */
  const proseBefore: ProseChange[] = [];
  // YAML prose first: its findings' places are in the files as on disk, before any edit of this plan.
  for (const [path, list] of groupByPath(findings.filter((f) => !ws.transcripts.has(f.path)))) {
    const { text, values, missed } = await redactProse(plan, fs, ws, path, list, pseudonyms);
    leftForHand.push(...missed);
    if (values.length === 0 || text === undefined) continue;
    key.files[path] = { replacements: [], ...key.files[path], values: [...(key.files[path]?.values ?? []), ...values] };
    proseBefore.push({ path, before: text, values });
  }
  for (const [path, list] of groupByPath(findings.filter((f) => ws.transcripts.has(f.path)))) {
    const edits = list.map((f) => ({ start: f.start, end: f.end, replacement: pseudonyms.get(f)! }));
    const change = await changeTranscript(plan, fs, ws, path, edits, problems);
    if (!change) continue;
    const previous = key.files[path]?.replacements ?? [];
    key.files[path] = {
      replacements: [...previous.map((r) => ({ ...r, at: change.replaced.mapOffset(r.at, 'start') })), ...list.map((f, i): Replacement => ({ at: change.replaced.newStarts[i]!, pseudonym: pseudonyms.get(f)!, original: f.text }))].sort(
        (a, b) => a.at - b.at,
      ),
    };
    changes.push({ path, before: change.before, after: change.replaced.text, replaced: list.map((f) => ({ start: f.start, end: f.end, from: f.text, to: pseudonyms.get(f)! })) });
  }
  const result = plan.result();
  changes.push(...proseChanges(result.edits, proseBefore, (v) => ({ from: v.original, to: v.redacted })));
  if (result.edits.length > 0) result.edits.push(keyEdit(sources.settings.key, key, sources.keyHash));
  const renamed = new Map(findings.map((f) => [f.text, pseudonyms.get(f)!]));
  return checked(fs, ws, { edits: result.edits, problems: [...problems, ...result.problems], changes: changes.sort(byPath), leftForHand }, renamed);
}

/** The result, or (when the study it would leave behind is not sound) its problems and no edits at all. */
async function checked(fs: IFileSystem, ws: Workspace, result: RedactionResult, renamed: ReadonlyMap<string, string>): Promise<RedactionResult> {
  if (result.problems.some((p) => p.severity === 'error')) return result;
  const unsafe = await verifyRedaction(fs, ws, result.edits, renamed);
  return unsafe.length === 0 ? result : { ...result, edits: [], changes: [], problems: [...result.problems, ...unsafe] };
}

/**
 * Replaces findings in the prose values of a YAML file (a highlight's note, a theme's
 * summary) through the document API, so comments and style survive. A finding whose words
 * are not literally in the value (an escape, a folded line) is left for the researcher.
 */
async function redactProse(plan: EditPlan, fs: IFileSystem, ws: Workspace, path: string, findings: PiiFinding[], pseudonyms: Map<PiiFinding, string>): Promise<{ text?: string; values: ValueReplacement[]; missed: PiiFinding[] }> {
  const kind = yamlKindOf(ws, path);
  const text = kind ? await readText(fs, path) : undefined;
  if (!kind || text === undefined) return { values: [], missed: findings };
  const index = new CodePointIndex(text);
  const done = new Set<PiiFinding>();
  const values: ValueReplacement[] = [];
  await plan.edit(kind, path, (doc) => {
    forEachProseScalar(doc, (node) => {
      let value = node.value;
      for (const f of findings) {
        const at = index.toUtf16(f.start);
        if (at < node.range[0] || at >= node.range[1] || !value.includes(f.text)) continue;
        value = value.split(f.text).join(pseudonyms.get(f)!);
        done.add(f);
      }
      if (value === node.value) return;
      values.push({ original: node.value, redacted: value, ...(node.type ? { style: node.type } : {}) });
      node.value = value;
    });
    return values.length > 0;
  });
  return { text, values, missed: findings.filter((f) => !done.has(f)) };
}

/** Puts back the prose values a redaction changed, where they still read as it left them. */
async function restoreProse(plan: EditPlan, ws: Workspace, path: string, values: readonly ValueReplacement[]): Promise<boolean> {
  const kind = yamlKindOf(ws, path);
  if (!kind) return false;
  return plan.edit(kind, path, (doc) => {
    let changed = false;
    forEachProseScalar(doc, (node) => {
      const v = values.find((x) => x.redacted === node.value);
      if (!v) return;
      node.value = v.original;
      // A pseudonym at the start of a value needs quotes; the original may not have had them.
      if (v.style) node.type = v.style as Scalar['type'];
      changed = true;
    });
    return changed;
  });
}

/** The kind of a YAML file of the workspace, by where it is. */
function yamlKindOf(ws: Workspace, path: string): FileKind | undefined {
  const paths = ws.project?.paths;
  if (path === RESEARCH_FILE) return 'research';
  if (path === paths?.codebook) return 'codebook';
  if (path === paths?.participants) return 'participants';
  if (ws.highlightFiles.has(path)) return 'highlights';
  const inMap = (map: ReadonlyMap<string, { path: string }>) => [...map.values()].some((e) => e.path === path);
  if (inMap(ws.themes)) return 'theme';
  if (inMap(ws.insights)) return 'insight';
  if (inMap(ws.personas)) return 'persona';
  if (inMap(ws.journeys)) return 'journey';
  return undefined;
}

/** Plans putting back the originals the key records, in every transcript it names (or the `only` ones). */
export async function planReversal(fs: IFileSystem, ws: Workspace, sources: PrivacySources, only?: ReadonlySet<string>): Promise<RedactionResult> {
  const problems: Problem[] = [];
  if (!sources.key)
    return {
      edits: [],
      problems: [problem(sources.settings.key, undefined, 'error', 'no-key', `There is no key file at ${sources.settings.key}, so there is nothing to reverse. Only the person who holds the key can restore the originals.`)],
      changes: [],
      leftForHand: [],
    };
  const key = cloneKey(sources.key);
  const plan = new EditPlan(fs, ws.versions);
  const changes: FileChange[] = [];
  const restored: ProseChange[] = [];
  for (const [path, entry] of Object.entries(key.files)) {
    if (only && !only.has(path)) continue;
    if (entry.values) {
      const before = await readText(fs, path);
      if (before !== undefined && (await restoreProse(plan, ws, path, entry.values))) restored.push({ path, before, values: entry.values });
      delete key.files[path];
      continue;
    }
    if (!ws.transcripts.has(path)) {
      problems.push(problem(sources.settings.key, undefined, 'error', 'missing-source', `The key records replacements in ${path}, which is not a transcript of this workspace (any more); it is left in the key.`));
      continue;
    }
    const text = await readText(fs, path);
    if (text === undefined) continue;
    const index = new CodePointIndex(text);
    const edits: SpanEdit[] = [];
    for (const r of entry.replacements) {
      const at = placeOf(index, text, r);
      if (at === undefined) {
        problems.push(problem(path, undefined, 'error', 'pseudonym-gone', `The pseudonym ${r.pseudonym} (for "${r.original}") is no longer in ${path}; put it back or restore that passage by hand. Nothing in this file was changed.`));
        edits.length = 0;
        break;
      }
      edits.push({ start: at, end: at + [...r.pseudonym].length, replacement: r.original });
    }
    if (edits.length === 0) continue;
    const change = await changeTranscript(plan, fs, ws, path, edits, problems, text);
    if (!change) continue;
    delete key.files[path];
    changes.push({ path, before: text, after: change.replaced.text, replaced: edits.map((e) => ({ start: e.start, end: e.end, from: index.slice(e.start, e.end), to: e.replacement })) });
  }
  const result = plan.result();
  changes.push(...proseChanges(result.edits, restored, (v) => ({ from: v.redacted, to: v.original })));
  if (result.edits.length > 0) result.edits.push(keyEdit(sources.settings.key, key, sources.keyHash));
  const renamed = new Map(Object.values(sources.key.files).flatMap((f) => f.replacements.map((r): [string, string] => [r.pseudonym, r.original])));
  return checked(fs, ws, { edits: result.edits, problems: [...problems, ...result.problems], changes: changes.sort(byPath), leftForHand: [] }, renamed);
}

/**
 * Where a recorded pseudonym is now: at its recorded place, or (when the text was edited
 * since) at the nearest occurrence of the pseudonym.
 */
function placeOf(index: CodePointIndex, text: string, r: Replacement): number | undefined {
  if (index.slice(r.at, r.at + [...r.pseudonym].length) === r.pseudonym) return r.at;
  let best: number | undefined;
  for (let u = text.indexOf(r.pseudonym); u >= 0; u = text.indexOf(r.pseudonym, u + 1)) {
    const at = index.toCodePoint(u);
    if (best === undefined || Math.abs(at - r.at) < Math.abs(best - r.at)) best = at;
  }
  return best;
}

/**
 * Replaces spans of one transcript and carries its highlights along. Refused (with a
 * problem) when some highlight is fuzzy or orphaned: where it belongs is not certain.
 */
async function changeTranscript(plan: EditPlan, fs: IFileSystem, ws: Workspace, path: string, edits: SpanEdit[], problems: Problem[], known?: string): Promise<{ before: string; replaced: Replaced } | undefined> {
  const transcript = ws.transcripts.get(path)!;
  // Every file holding highlights of this transcript (one, unless misplaced), and none unreadable:
  // a highlight that cannot be carried through the change would be lost.
  const files = [...ws.highlightFiles.values()].filter((f) => f.source === path);
  const expected = highlightsPathFor(ws.project, path);
  if (ws.unreadable.has(expected)) {
    problems.push(problem(expected, undefined, 'error', 'edit-refused', `${expected} has errors, so the highlights of ${path} could not be carried through the change; fix it first (see \`sift check\`). ${path} was not changed.`));
    return undefined;
  }
  const unresolved = files
    .flatMap((f) => f.highlights)
    .filter((h) => {
      const state = ws.anchoring.get(h.id)?.state;
      return state !== 'anchored' && state !== 'moved';
    });
  if (unresolved.length > 0) {
    problems.push(
      problem(
        files[0]!.path,
        undefined,
        'error',
        'unresolved-highlights',
        `${unresolved.length} highlight(s) of ${path} are fuzzy or orphaned (${unresolved.map((h) => h.id).join(', ')}); confirm or re-anchor them first (see \`sift check\`), so that they can be carried through the change. ${path} was not changed.`,
      ),
    );
    return undefined;
  }
  const before = known ?? (await readText(fs, path));
  if (before === undefined) return undefined;
  const replaced = replaceSpans(before, edits);
  if (!(await plan.writeText(path, transcript.hash, replaced.text))) return undefined;
  const index = new CodePointIndex(replaced.text);
  const beforeIndex = new CodePointIndex(before);
  const speakers = new Map(edits.map((e) => [beforeIndex.slice(e.start, e.end), e.replacement]));
  for (const file of files) {
    await plan.edit('highlights', file.path, (doc) => {
      for (const h of file.highlights) {
        const r = ws.anchoring.get(h.id)!;
        const item = itemById(doc, 'highlights', h.id);
        if (!item) continue;
        const now = makeAnchor(index, h.id, replaced.mapOffset(r.start, 'start'), replaced.mapOffset(r.end, 'end'));
        for (const k of ['quote', 'prefix', 'suffix', 'start', 'end'] as const) if (now[k] !== h[k]) item.set(k, now[k]);
        // A speaker named in the text is named the same way in the highlight.
        const speaker = h.speaker !== undefined ? speakers.get(h.speaker) : undefined;
        if (speaker !== undefined) item.set('speaker', speaker);
      }
      doc.set('sourceHash', gitBlobHash(replaced.text));
    });
  }
  return { before, replaced };
}

interface ProseChange {
  path: string;
  before: string;
  values: readonly ValueReplacement[];
}

/** The changes of YAML files for a preview: their text after is that of the plan's final edit. */
function proseChanges(edits: readonly FileEdit[], changed: readonly ProseChange[], replaced: (v: ValueReplacement) => { from: string; to: string }): FileChange[] {
  return changed.flatMap(({ path, before, values }) => {
    const edit = edits.find((e) => e.path === path);
    return edit?.kind === 'write' ? [{ path, before, after: normalizeText(edit.content), replaced: values.map(replaced) }] : [];
  });
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function keyEdit(path: string, key: PrivacyKey, expectedHash: string | null): FileEdit {
  return { kind: 'write', path, content: renderKey(key), expectedHash };
}

function cloneKey(key: PrivacyKey): PrivacyKey {
  return JSON.parse(JSON.stringify(key)) as PrivacyKey;
}

function groupByPath(findings: readonly PiiFinding[]): Map<string, PiiFinding[]> {
  const out = new Map<string, PiiFinding[]>();
  for (const f of findings) out.set(f.path, [...(out.get(f.path) ?? []), f]);
  return out;
}
