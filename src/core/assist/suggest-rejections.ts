/**
 * Suggestions the researchers turned down, kept in `suggestions.yaml` at the study's root so
 * that a tag turned down for a passage is not offered for it again — by anyone: the file is
 * under version control with the rest of the analysis, so a team shares what it decided, and
 * a reviewer sees in a pull request what was looked at and left uncoded. (Not in the
 * highlights files: a turned-down suggestion is not coding, and must not reach a report, an
 * export or coder agreement. Not in the editor's private state: a colleague, or the CLI,
 * would be offered it again.)
 *
 * ```yaml
 * # Suggestions turned down: Sift does not offer these tags for these passages again.
 * rejected:
 *   - tag: waiting-time
 *     source: transcripts/p07.md
 *     quote: The letters all look the same to me.
 *     by: researcher-1
 * ```
 *
 * A passage is its transcript and its words (not its offsets, which move as the transcript
 * is edited). Entries are appended in the order they were made, through the yaml Document
 * API, so comments and the rest of the file are kept.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { TO_STRING_OPTIONS } from '../store/canonical';
import { problem, type Problem } from '../problems';

export const SUGGESTIONS_FILE = 'suggestions.yaml';

export interface Rejection {
  tag: string;
  source: string;
  quote: string;
  by?: string;
}

const HEADER = ' Suggestions turned down: Sift does not offer these tags for these passages again.';

export class Rejections {
  private readonly keys = new Set<string>();

  constructor(readonly entries: readonly Rejection[] = []) {
    for (const e of entries) this.keys.add(keyOf(e.source, e.quote, e.tag));
  }

  has(source: string, quote: string, tag: string): boolean {
    return this.keys.has(keyOf(source, quote, tag));
  }
}

/** The same words whatever their spacing or line breaks. */
function keyOf(source: string, quote: string, tag: string): string {
  return JSON.stringify([source, quote.replace(/\s+/g, ' ').trim(), tag]);
}

/** Reads suggestions.yaml (undefined text: no file yet). Entries that cannot be read are reported and left out. */
export function readRejections(text: string | undefined): { rejections: Rejections; problems: Problem[] } {
  if (text === undefined || text.trim() === '') return { rejections: new Rejections(), problems: [] };
  const doc = parseDocument(text, { prettyErrors: false });
  const problems: Problem[] = [];
  const at = (offset: number | undefined) => placeOf(text, offset);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return {
      rejections: new Rejections(),
      problems: [problem(SUGGESTIONS_FILE, at(e.pos[0]), 'error', 'yaml', `${SUGGESTIONS_FILE} is not valid YAML: ${e.message.split('\n')[0]} Sift reads no turned-down suggestions from it and will not write to it until it is fixed.`)],
    };
  }
  const list = isMap(doc.contents) ? doc.contents.get('rejected', true) : undefined;
  if (!isSeq(list)) {
    if (doc.contents !== null) problems.push(problem(SUGGESTIONS_FILE, at(doc.contents?.range?.[0]), 'error', 'shape', `${SUGGESTIONS_FILE} should hold a list under "rejected:"; Sift reads no turned-down suggestions from it.`));
    return { rejections: new Rejections(), problems };
  }
  const entries: Rejection[] = [];
  for (const item of list.items) {
    const value = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
    const fields = ['tag', 'source', 'quote'] as const;
    if (!value || fields.some((f) => typeof value[f] !== 'string' || value[f] === '')) {
      const range = (item as { range?: [number, number, number] } | null)?.range;
      problems.push(problem(SUGGESTIONS_FILE, at(range?.[0]), 'warning', 'shape', `An entry of ${SUGGESTIONS_FILE} needs tag, source and quote (each a text); this one is ignored.`));
      continue;
    }
    entries.push({ tag: value.tag as string, source: value.source as string, quote: value.quote as string, ...(typeof value.by === 'string' ? { by: value.by } : {}) });
  }
  return { rejections: new Rejections(entries), problems };
}

/**
 * The text of suggestions.yaml with `rejection` appended (the file's other content and
 * comments kept), or undefined when it is there already or the file cannot be read.
 */
export function withRejection(text: string | undefined, rejection: Rejection): string | undefined {
  const { rejections, problems } = readRejections(text);
  if (problems.some((p) => p.severity === 'error')) return undefined;
  if (rejections.has(rejection.source, rejection.quote, rejection.tag)) return undefined;
  const doc = text === undefined || text.trim() === '' ? parseDocument('rejected: []\n') : parseDocument(text);
  if (text === undefined || text.trim() === '') doc.commentBefore = HEADER;
  const list = doc.get('rejected', true);
  if (isSeq(list) && list.flow) list.flow = false;
  doc.addIn(['rejected'], doc.createNode({ tag: rejection.tag, source: rejection.source, quote: rejection.quote, ...(rejection.by ? { by: rejection.by } : {}) }));
  const seq = doc.get('rejected', true);
  if (isSeq(seq)) seq.flow = false;
  return doc.toString(TO_STRING_OPTIONS);
}

function placeOf(text: string, offset: number | undefined): { line: number; column: number } | undefined {
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
