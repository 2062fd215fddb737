/**
 * Checks across files: every reference resolves (tags, highlights, themes, personas,
 * participants), ids are unique, and every highlight is anchored. Problems are made with a
 * pointer into their file; `locate` turns pointers into lines and columns afterwards by
 * re-parsing only the files that have problems (a clean study parses nothing twice).
 * Both checks call `pause` between highlights files, so a host can return to its event loop
 * (over 50,000 highlights they take ~60 ms together).
 */
import type { Severity } from '../problems';
import { attributeValueProblem } from '../attributes';
import { targetIssues } from '../sampling/targets';
import { renamedSources } from './renames';
import { highlightsPathFor, participantsNamedByTranscripts, RESEARCH_FILE, type Workspace } from './workspace';

export interface PointedProblem {
  path: string;
  pointer: (string | number)[];
  severity: Severity;
  code: string;
  message: string;
  /** Replacements for the value at the pointer (quick fixes), best first. */
  fixes?: string[];
}

/** Lets the host run between chunks of work (see the loader's slicer). */
type Pause = () => Promise<void>;
const noPause: Pause = async () => {};

export async function crossReferenceProblems(ws: Workspace, pause: Pause = noPause): Promise<PointedProblem[]> {
  const out: PointedProblem[] = [];
  const report = (path: string, pointer: (string | number)[], severity: Severity, code: string, message: string, fixes?: string[]) => out.push({ path, pointer, severity, code, message, ...(fixes?.length ? { fixes } : {}) });
  const codebookPath = ws.project?.paths.codebook ?? 'codebook.yaml';
  const participantsPath = ws.project?.paths.participants ?? 'participants.yaml';
  // A reference into a file that could not be read is not known to be wrong: its own error
  // is already reported, and a cascade of "unknown tag" would bury it.
  const tagsKnown = !ws.unreadable.has(codebookPath);
  const participantsKnown = !ws.unreadable.has(participantsPath);
  const highlightsKnown = ![...ws.unreadable].some((p) => p.startsWith((ws.project?.paths.highlights ?? 'highlights') + '/'));
  const themesKnown = ![...ws.unreadable].some((p) => p.startsWith((ws.project?.paths.themes ?? 'themes') + '/'));
  const personasKnown = ![...ws.unreadable].some((p) => p.startsWith((ws.project?.paths.personas ?? 'personas') + '/'));

  // Codebook: unique ids, known parents, no cycles.
  const tags = new Map<string, number>();
  ws.codebook.forEach((t, i) => {
    if (tags.has(t.id)) report(codebookPath, ['tags', i, 'id'], 'error', 'duplicate-tag', `The tag id "${t.id}" is used twice in the codebook.`);
    else tags.set(t.id, i);
  });
  const parents = new Map(ws.codebook.map((t) => [t.id, t.parent]));
  ws.codebook.forEach((t, i) => {
    if (t.parent && !tags.has(t.parent)) report(codebookPath, ['tags', i, 'parent'], 'error', 'unknown-parent', `The parent tag "${t.parent}" of "${t.id}" is not in the codebook.`);
    else if (t.parent && hasCycle(parents, t.id)) report(codebookPath, ['tags', i, 'parent'], 'error', 'tag-cycle', `The tag "${t.id}" is its own ancestor; tag parents must form a tree.`);
  });

  const participants = new Set<string>();
  ws.participants.forEach((p, i) => {
    if (participants.has(p.id)) report(participantsPath, ['participants', i, 'id'], 'error', 'duplicate-participant', `The participant id "${p.id}" is used twice.`);
    participants.add(p.id);
    for (const [name, value] of Object.entries(p.attributes)) {
      const def = ws.project?.attributes[name];
      if (!def) report(participantsPath, ['participants', i, 'attributes', name], 'warning', 'unknown-attribute', `"${name}" is not an attribute defined in research.yaml.`);
      else {
        const wrong = attributeValueProblem(name, def, value);
        if (wrong) report(participantsPath, ['participants', i, 'attributes', name], 'error', wrong.code, wrong.message, wrong.fixes);
      }
    }
  });

  if (participantsKnown && ws.participants.length === 0 && ws.transcripts.size > 0) {
    // One warning for the study, not one per transcript: the list as a whole is what is missing.
    const exists = ws.versions.has(participantsPath);
    report(participantsPath, exists ? ['participants'] : [], 'warning', 'no-participants', noParticipantsMessage(participantsPath, exists, participantsNamedByTranscripts(ws)));
  } else if (participantsKnown) {
    for (const t of ws.transcripts.values()) {
      for (const id of [t.meta.participant, ...(t.meta.participants ?? [])]) {
        if (id && !participants.has(id)) report(t.path, [], 'warning', 'unknown-participant', `The participant "${id}" named in this transcript's front matter is not in ${participantsPath}.`);
      }
    }
  }

  // Highlights: sources inside the workspace and present, unique ids, known tags, sane spans.
  const highlightIds = new Set<string>();
  const sources = new Map<string, string>();
  const renamed = renamedSources(ws);
  for (const file of ws.highlightFiles.values()) {
    await pause();
    if (!isSafeRelativePath(file.source)) {
      report(file.path, ['source'], 'error', 'source-outside', `The source "${file.source}" points outside the workspace; sources are paths inside this folder, like transcripts/p07.md.`);
      continue;
    }
    const other = sources.get(file.source);
    if (other) report(file.path, ['source'], 'error', 'duplicate-source', `${other} already holds the highlights of ${file.source}; keep one file per transcript.`);
    sources.set(file.source, file.path);
    if (!ws.transcripts.has(file.source)) {
      if (ws.unreadable.has(file.source)) continue; // its own problem says why
      const to = renamed.get(file.path);
      if (to)
        report(
          file.path,
          ['source'],
          'error',
          'renamed-source',
          `The transcript ${file.source} does not exist; it looks renamed to ${to} (the same text). Its highlights are kept, unanchored: \`sift anchor\` moves them to ${highlightsPathFor(ws.project, to)}.`,
        );
      else report(file.path, ['source'], 'error', 'missing-source', `The transcript ${file.source} does not exist (or is not matched by "sources" in research.yaml). Its highlights are kept, unanchored.`);
    } else if (file.path !== highlightsPathFor(ws.project, file.source)) {
      report(file.path, ['source'], 'warning', 'misplaced-highlights', `The highlights of ${file.source} are expected at ${highlightsPathFor(ws.project, file.source)}.`);
    }
    file.highlights.forEach((h, i) => {
      if (highlightIds.has(h.id)) report(file.path, ['highlights', i, 'id'], 'error', 'duplicate-highlight', `The highlight id ${h.id} is used more than once; ids must be unique in the workspace.`);
      highlightIds.add(h.id);
      if (h.end <= h.start) report(file.path, ['highlights', i, 'end'], 'error', 'empty-span', `This highlight ends (${h.end}) before it starts (${h.start}).`);
      h.tags.forEach((tag, k) => {
        if (tagsKnown && !tags.has(tag)) report(file.path, ['highlights', i, 'tags', k], 'error', 'unknown-tag', `The tag "${tag}" is not in the codebook. Add it to ${codebookPath} or fix the spelling.`);
      });
    });
  }

  const refs = (path: string, list: readonly string[], key: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string, checkable: boolean) =>
    list.forEach((id, i) => {
      if (checkable && !known.has(id)) report(path, [key, i], 'error', 'dangling-reference', `${what} ${id} does not exist.`);
    });
  for (const t of ws.themes.values()) refs(t.path, t.highlights, 'highlights', highlightIds, 'The highlight', highlightsKnown);
  for (const ins of ws.insights.values()) {
    refs(ins.path, ins.themes, 'themes', ws.themes, 'The theme', themesKnown);
    refs(ins.path, ins.evidence, 'evidence', highlightIds, 'The highlight', highlightsKnown);
    refs(ins.path, ins.personas, 'personas', ws.personas, 'The persona', personasKnown);
  }
  for (const p of ws.personas.values()) {
    refs(p.path, p.participants, 'participants', participants, 'The participant', participantsKnown);
    refs(p.path, p.quotes, 'quotes', highlightIds, 'The highlight', highlightsKnown);
    p.distinguishing.forEach((d, i) => {
      if (tagsKnown && !tags.has(d.tag)) report(p.path, ['distinguishing', i, 'tag'], 'error', 'unknown-tag', `The tag "${d.tag}" is not in the codebook.`);
    });
  }
  for (const j of ws.journeys.values()) {
    if (j.persona && personasKnown && !ws.personas.has(j.persona)) report(j.path, ['persona'], 'error', 'dangling-reference', `The persona ${j.persona} does not exist.`);
    j.stages.forEach((s, si) =>
      s.highlights.forEach((h, hi) => {
        if (highlightsKnown && !highlightIds.has(h.id)) report(j.path, ['stages', si, 'highlights', hi, 'id'], 'error', 'dangling-reference', `The highlight ${h.id} does not exist.`);
      }),
    );
  }
  if (ws.project) {
    // Folders and sources are inside the workspace: Sift never reads or writes outside it.
    for (const [key, value] of Object.entries(ws.project.paths)) {
      if (!isSafeRelativePath(value.replace(/\/+$/, '')))
        report(RESEARCH_FILE, ['paths', key], 'error', 'path-outside', `The ${key} path "${value}" leaves the workspace; paths are folders or files inside it, like ${key === 'codebook' || key === 'participants' ? `${key}.yaml` : key}.`);
    }
    ws.project.sources.forEach((glob, i) => {
      if (!isSafeRelativePath(glob.replace(/^!/, '')))
        report(RESEARCH_FILE, ['sources', i], 'error', 'source-outside', `The source pattern "${glob}" points outside the workspace; Sift only reads transcripts inside it (like transcripts/**/*.md).`);
    });
    for (const [attr, targets] of Object.entries(ws.project.sampling)) {
      const def = ws.project.attributes[attr];
      if (!def) report(RESEARCH_FILE, ['sampling', attr], 'error', 'unknown-attribute', `Sampling names "${attr}", which is not among the attributes.`);
      else if (def.values) for (const v of Object.keys(targets)) if (!def.values.includes(v)) report(RESEARCH_FILE, ['sampling', attr, v], 'error', 'bad-attribute-value', `"${v}" is not a value of ${attr}: ${def.values.join(', ')}.`);
      for (const issue of targetIssues(attr, targets, ws.project.sample.planned)) report(RESEARCH_FILE, issue.value === undefined ? ['sampling', attr] : ['sampling', attr, issue.value], 'error', issue.code, issue.message);
    }
  }
  return out;
}

/** One problem per highlight that is not simply anchored where it was. */
export async function anchoringProblems(ws: Workspace, pause: Pause = noPause): Promise<PointedProblem[]> {
  const out: PointedProblem[] = [];
  for (const file of ws.highlightFiles.values()) {
    await pause();
    file.highlights.forEach((h, i) => {
      const r = ws.anchoring.get(h.id);
      if (!r || r.state === 'anchored') return;
      const quote = h.quote.length > 60 ? h.quote.slice(0, 57) + '…' : h.quote;
      if (r.state === 'orphaned')
        out.push({ path: file.path, pointer: ['highlights', i], severity: 'error', code: 'orphaned', message: `Highlight ${h.id} ("${quote}") can no longer be found in ${file.source}: ${r.reason}. It is kept; re-anchor it or delete it.` });
      else if (r.state === 'fuzzy')
        out.push({
          path: file.path,
          pointer: ['highlights', i],
          severity: 'warning',
          code: 'fuzzy',
          message: `Highlight ${h.id} ("${quote}") was found only approximately in ${file.source} (${Math.round(r.confidence * 100)}% sure: ${r.reason}). Confirm its new place.`,
        });
      else out.push({ path: file.path, pointer: ['highlights', i], severity: 'info', code: 'moved', message: `Highlight ${h.id} moved to ${r.start}–${r.end} in ${file.source} (${r.reason}); \`sift anchor\` writes the new place.` });
    });
  }
  return out;
}

/**
 * Why a study with transcripts counts no participants: participants.yaml is missing or lists
 * nobody. Names (up to ten of) the participants the transcripts name, so the fix is a copy away.
 */
function noParticipantsMessage(path: string, exists: boolean, named: readonly string[]): string {
  const state = exists ? `${path} lists nobody` : `There is no ${path}`;
  const consequence = 'Until then reports and stats count no participants, and nothing is known of their consent.';
  if (named.length === 0) return `${state}: list the participants there (id, attributes, consent) and name each transcript's participant in its front matter (participant: P01). ${consequence}`;
  const shown = named.length > 10 ? `${named.slice(0, 10).join(', ')} and ${named.length - 10} more` : named.join(', ');
  return `${state}, yet the transcripts name ${named.length === 1 ? '1 participant' : `${named.length} participants`} (${shown}): list them there (id, attributes, consent). ${consequence}`;
}

/** Whether a tag is its own ancestor; `parents` maps each tag id to its parent (made once, not per tag). */
function hasCycle(parents: Map<string, string | undefined>, id: string): boolean {
  const seen = new Set<string>();
  for (let cur = parents.get(id); cur; cur = parents.get(cur)) {
    if (cur === id || seen.has(cur)) return true;
    seen.add(cur);
  }
  return false;
}

/** A relative path that stays inside the workspace: no `..`, no leading `/`, no drive letter. */
export function isSafeRelativePath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !/^[a-zA-Z]:/.test(path) && !path.includes('\\') && !path.split('/').some((s) => s === '..' || s === '.' || s === '');
}
