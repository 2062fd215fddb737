/**
 * `sift suggest [dir] --source PATH --start N --end N [--format text|json]`: the tags of the
 * coded passages most like a passage, each with why ("like 3 passages coded waiting-time").
 * `sift suggest [dir] --tag TAG --more [--limit N] [--format text|json]`: find more like
 * this, the passages of the transcripts not yet under TAG most like its coded passages.
 * Nothing is written; suggestions turned down in suggestions.yaml are not offered.
 * Exit 1 when there is nothing to suggest from (no coded passage, none of the tag) or
 * nothing alike was found.
 */
import { parseArgs } from 'node:util';
import type { PassageSuggestion, TagSuggestion } from '../core/assist/suggestions';
import { readText } from '../core/workspace/load';
import type { Workspace } from '../core/workspace/workspace';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';

/** The suggestion engine with its stemmers, loaded on demand (dist/suggestions.js). */
const assist = () => require('../core/assist/suggestions') as typeof import('../core/assist/suggestions');

export async function suggest(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { source: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, tag: { type: 'string' }, more: { type: 'boolean' }, limit: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const more = values.more === true;
  if (more && values.tag === undefined) throw new UsageError('--more needs --tag: the tag to find more passages like, e.g. --tag waiting-time --more.');
  if (!more && values.tag !== undefined) throw new UsageError('--tag goes with --more (find more like this); to suggest tags for a passage give --source, --start and --end.');
  if (!more && values.source === undefined) throw new UsageError('Give the passage to suggest tags for (--source PATH --start N --end N), or a tag to find more like (--tag TAG --more).');
  const limit = whole(values.limit, 'limit', 1) ?? (more ? 20 : 3);

  const { workspace: ws, fs, study: service } = await openWorkspace(positionals[0] ?? '.');
  const { readRejections, SUGGESTIONS_FILE, SuggestionIndex } = assist();
  const read = readRejections(await readText(fs, SUGGESTIONS_FILE));
  for (const p of read.problems) io.err(formatProblem(p, 'text'));
  const index = (await service.suggestions(() => new SuggestionIndex()))!;
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));

  if (more) {
    const tag = values.tag!;
    const coded = index.codedWith(tag);
    if (!labels.has(tag) && coded === 0) throw new UsageError(`There is no tag "${tag}" in the codebook or the coding. Tags: ${[...labels.keys()].join(', ') || '(none)'}.`);
    if (coded === 0) {
      io.err(`No passage is coded ${tag} yet, so there is nothing to find more of. Code a few passages with it first.`);
      return 1;
    }
    const found = await index.moreLike(ws, tag, (source) => readText(fs, source), { limit, rejected: (p) => read.rejections.has(p.source, p.text, tag) });
    if (format === 'json') io.out(JSON.stringify({ tag, label: labels.get(tag) ?? tag, coded, passages: found.map(passageJson) }, null, 2));
    else io.out(formatMore(tag, labels.get(tag), coded, found));
    if (found.length === 0) {
      io.err(`No passage of the transcripts not yet coded ${tag} shares a distinctive word with the ${coded} coded ${tag}.`);
      return 1;
    }
    return 0;
  }

  const source = values.source!;
  const transcript = ws.transcripts.get(source);
  if (!transcript) throw new UsageError(`--source: ${source} is not a transcript of this study (give its path from the study's folder, e.g. ${[...ws.transcripts.keys()][0] ?? 'transcripts/p01.md'}).`);
  const start = whole(values.start, 'start', 0);
  const end = whole(values.end, 'end', 1);
  if (start === undefined || end === undefined) throw new UsageError('--start and --end are needed: the passage in code points from the start of the transcript, as a highlight stores them.');
  if (start >= end || end > transcript.length) throw new UsageError(`--start ${start} --end ${end}: the passage must start before it ends, within the ${transcript.length} characters of ${source}.`);
  if (index.size === 0) {
    io.err('Nothing to suggest from: no passage of this study is coded yet. Suggestions come from your own coding; tag a few passages first.');
    return 1;
  }
  const text = [...((await readText(fs, source)) ?? '')].slice(start, end).join('');
  const same = sameSpan(ws, source, start, end);
  const suggestions = index.suggestTags(text, { limit, ignore: same.map((h) => h.id), except: same.flatMap((h) => h.tags), rejected: (tag) => read.rejections.has(source, text, tag) });
  if (format === 'json')
    io.out(
      JSON.stringify(
        { source, start, end, quote: text, suggestions: suggestions.map((s) => ({ tag: s.tag, label: labels.get(s.tag) ?? s.tag, reason: s.reason, like: s.like.map((p) => ({ id: p.id, source: p.source, quote: p.quote })) })) },
        null,
        2,
      ),
    );
  else io.out(formatTags(source, start, end, text, suggestions, labels));
  if (suggestions.length === 0) {
    io.err(`Nothing to suggest for this passage: every tag of the coding is on it already or was turned down for it (${SUGGESTIONS_FILE}).`);
    return 1;
  }
  return 0;
}

/** The highlights at exactly this place: their tags are not suggested, and they do not vote. */
function sameSpan(ws: Workspace, source: string, start: number, end: number): { id: string; tags: readonly string[] }[] {
  const out: { id: string; tags: readonly string[] }[] = [];
  for (const f of ws.highlightFiles.values()) {
    if (f.source !== source) continue;
    for (const h of f.highlights) {
      const r = ws.anchoring.get(h.id);
      if ((r?.start ?? h.start) === start && (r?.end ?? h.end) === end && r?.state !== 'orphaned') out.push(h);
    }
  }
  return out;
}

function formatTags(source: string, start: number, end: number, text: string, suggestions: readonly TagSuggestion[], labels: ReadonlyMap<string, string>): string {
  const { snippet } = assist();
  const lines = [`Tags for ${source} ${start}–${end}: “${snippet(text, 80)}”`];
  suggestions.forEach((s, i) => {
    const label = labels.get(s.tag);
    const example = s.like[0] ? `: “${snippet(s.like[0].quote)}”` : '';
    lines.push(`  ${i + 1}. ${s.tag}${label && label !== s.tag ? ` (${label})` : ''} — ${s.reason}${example}`);
  });
  return lines.join('\n');
}

function formatMore(tag: string, label: string | undefined, coded: number, found: readonly PassageSuggestion[]): string {
  const { snippet } = assist();
  const lines = [`More like ${tag}${label && label !== tag ? ` (${label})` : ''}, from its ${coded} coded ${coded === 1 ? 'passage' : 'passages'}: ${found.length} not yet coded with it`];
  found.forEach((f, i) => {
    const p = f.passage;
    lines.push(`  ${i + 1}. ${p.source} ${p.start}–${p.end}${p.speaker ? ` ${p.speaker}` : ''}: “${snippet(p.text, 100)}”`);
    lines.push(`     ${f.reason}`);
  });
  return lines.join('\n');
}

function passageJson(f: PassageSuggestion): unknown {
  return {
    source: f.passage.source,
    start: f.passage.start,
    end: f.passage.end,
    ...(f.passage.speaker ? { speaker: f.passage.speaker } : {}),
    text: f.passage.text,
    reason: f.reason,
    ...(f.like ? { like: { id: f.like.id, quote: f.like.quote } } : {}),
  };
}

function whole(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${value}".`);
  return Number(value);
}
