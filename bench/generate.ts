/**
 * The benchmark workspace: a deterministic synthetic study (research.yaml, a 300-tag
 * codebook, participants, transcripts in four formats, one highlights file per transcript,
 * themes and insights) in the git-ignored `bench/.work/`. Every YAML file is written by the
 * core's own writer (EditPlan + NodeFileSystem.apply), byte for byte as Sift writes it, so
 * the loader is measured on exactly what it will meet. A workspace generated with the same
 * parameters is reused; a manifest written last marks it complete and unmodified.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../src/node/node-fs';
import { makeAnchor } from '../src/core/anchoring/selectors';
import { gitBlobHash } from '../src/core/hash';
import { newHighlightId, slugify } from '../src/core/ids';
import type { Highlight, Tag } from '../src/core/model';
import type { IFileSystem } from '../src/core/ports';
import { EditPlan } from '../src/core/store/plan';
import { CodePointIndex } from '../src/core/text';
import { parseTranscript, turnAt } from '../src/core/transcripts';
import { mulberry32 } from '../src/core/random';
import { Picker, ZipfSampler } from './sampling';
import { renderTranscript, Speech, type Format, type QuotableRun } from './transcripts';
import { rankedVocabulary } from './vocabulary';

/** Bump when the generator's output changes, so stale workspaces are regenerated. */
const GENERATOR_VERSION = 1;

export interface CorpusParams {
  seed: number;
  transcripts: number;
  highlightsPerTranscript: number;
  wordsPerTranscript: number;
  tags: number;
  participants: number;
}

export const FULL_CORPUS: CorpusParams = { seed: 20260301, transcripts: 1000, highlightsPerTranscript: 50, wordsPerTranscript: 6000, tags: 300, participants: 1000 };
export const QUICK_CORPUS: CorpusParams = { ...FULL_CORPUS, transcripts: 100, participants: 100 };

export interface GeneratedWorkspace {
  root: string;
  /** False when an existing workspace with the same parameters was reused. */
  generated: boolean;
  seconds: number;
}

const MIN_QUOTE_WORDS = 12;
const MAX_QUOTE_WORDS = 45;
const CODERS = ['researcher-1', 'researcher-2', 'researcher-3', 'researcher-4'];

export function workspaceDir(workRoot: string, params: CorpusParams): string {
  return path.join(workRoot, `workspace-${params.transcripts}x${params.highlightsPerTranscript}`);
}

/** The workspace for these parameters, generated unless an identical one is already there. */
export async function ensureWorkspace(workRoot: string, params: CorpusParams, log: (line: string) => void): Promise<GeneratedWorkspace> {
  const started = performance.now();
  const root = workspaceDir(workRoot, params);
  const manifest = `${root}.json`;
  const wanted = JSON.stringify({ generator: GENERATOR_VERSION, writer: await writerFingerprint(), ...params });
  const existing = await fsp.readFile(manifest, 'utf8').catch(() => undefined);
  if (existing === wanted) return { root, generated: false, seconds: (performance.now() - started) / 1000 };

  await fsp.rm(manifest, { force: true });
  await fsp.rm(root, { recursive: true, force: true });
  await fsp.mkdir(root, { recursive: true });
  await writeStudy(root, params, log);
  await fsp.writeFile(manifest, wanted);
  return { root, generated: true, seconds: (performance.now() - started) / 1000 };
}

/**
 * The hash of a small highlights file as Sift's writer renders it today: when the writer's
 * output changes (quoting, key order, list style), so does this, and the workspace is
 * regenerated, so the loader is always measured on what Sift writes now.
 */
async function writerFingerprint(): Promise<string> {
  const nothingOnDisk: IFileSystem = { readFile: async () => undefined, stat: async () => undefined, listFiles: async () => [] };
  const plan = new EditPlan(nothingOnDisk, undefined);
  const text = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v P0001>It\'s "fine": we waited #3 weeks, 100%.</v>\n';
  const highlight = { ...makeAnchor(text, 'h-0123abcd', 47, 80), tags: ['waiting-time', 'adaptations'], note: 'A memo: with a colon', speaker: 'P0001', time: '00:00:01', coder: 'researcher-1' };
  await plan.create('highlights', 'highlights/sample.vtt.yaml', { source: 'transcripts/sample.vtt', sourceHash: gitBlobHash(text), highlights: [highlight] });
  const [edit] = plan.result().edits;
  return gitBlobHash(edit?.kind === 'write' ? edit.content : '');
}

/**
 * Marks the workspace as possibly modified while `work` runs (the edit benchmark writes to
 * it): if the process dies midway, the next run regenerates instead of measuring a changed study.
 */
export async function whileModifying<T>(root: string, work: () => Promise<T>): Promise<T> {
  const manifest = `${root}.json`;
  const content = await fsp.readFile(manifest, 'utf8');
  await fsp.rm(manifest);
  const result = await work();
  await fsp.writeFile(manifest, content);
  return result;
}

async function writeStudy(root: string, params: CorpusParams, log: (line: string) => void): Promise<void> {
  const picker = new Picker(mulberry32(params.seed));
  const fs = new NodeFileSystem(root);
  const speech = new Speech(picker, rankedVocabulary(picker));
  const participantIds = Array.from({ length: params.participants }, (_, i) => `P${String(i + 1).padStart(4, '0')}`);
  const codebook = makeCodebook(picker, speech, params.tags);

  // Small files first, through one plan.
  const plan = new EditPlan(fs, undefined);
  await plan.create('research', 'research.yaml', researchFile(params), ' Synthetic study generated by `npm run bench` (bench/generate.ts).');
  await plan.create('codebook', 'codebook.yaml', { tags: codebook });
  await plan.create('participants', 'participants.yaml', { participants: participantIds.map((id) => participant(picker, id)) });
  await applyPlan(fs, plan);

  // Tags are drawn Zipf-like too: a few codes are applied everywhere, most only now and then.
  const tagSampler = new ZipfSampler(
    shuffled(
      picker,
      codebook.map((t) => t.id),
    ),
    0.9,
  );
  const taken = new Set<string>();
  const allHighlightIds: string[] = [];
  const BATCH = 50;
  for (let first = 0; first < params.transcripts; first += BATCH) {
    const batch = new EditPlan(fs, undefined);
    const last = Math.min(params.transcripts, first + BATCH);
    for (let i = first; i < last; i++) {
      const format = formatOf(i);
      const participantId = participantIds[i % participantIds.length]!;
      const source = `transcripts/${format === 'md' ? 'interviews' : 'calls'}/${participantId.toLowerCase()}.${format}`;
      const date = `2026-${two(1 + (i % 3))}-${two(1 + (i % 28))}`;
      const words = Math.round(params.wordsPerTranscript * (0.9 + picker.random() * 0.2));
      const rendered = renderTranscript(format, participantId, { date, title: speech.sentence().replace(/[.?!]+$/, '') }, speech, picker, words);
      await fsp.mkdir(path.dirname(fs.resolve(source)), { recursive: true });
      await fsp.writeFile(fs.resolve(source), rendered.text);

      const highlights = placeHighlights(source, rendered.text, rendered.runs, params.highlightsPerTranscript, {
        picker,
        speech,
        participantIds,
        newId: () => {
          const id = newHighlightId(picker.random, taken);
          taken.add(id);
          return id;
        },
        tags: () => picker.distinct(picker.int(1, 5), () => tagSampler.draw(picker.random)),
      });
      allHighlightIds.push(...highlights.map((h) => h.id));
      await batch.create('highlights', `highlights/${source}.yaml`, { source, sourceHash: gitBlobHash(rendered.text), highlights });
    }
    await applyPlan(fs, batch);
    log(`  generated ${last}/${params.transcripts} transcripts`);
  }
  await writeThemesAndInsights(fs, picker, speech, allHighlightIds);
}

/** A typical study mixes interview notes, call captions and text exports. */
export function formatOf(index: number): Format {
  const slot = index % 20;
  return slot < 11 ? 'md' : slot < 14 ? 'vtt' : slot < 17 ? 'srt' : 'txt';
}

export interface HighlightMaking {
  picker: Picker;
  speech: Speech;
  participantIds: readonly string[];
  newId: () => string;
  tags: () => string[];
}

/**
 * Highlights spread evenly over the participant's words: the words are cut into equal
 * segments and each segment gets one quote of 12–45 whole words within a single turn,
 * with speaker and media time taken from the parsed transcript as `tagSelection` does.
 */
export function placeHighlights(source: string, text: string, runs: QuotableRun[], count: number, making: HighlightMaking): Highlight[] {
  const { picker } = making;
  const index = new CodePointIndex(text);
  const turns = parseTranscript(source, text).turns;
  /** Every quotable word, numbered through the transcript, with the run it belongs to. */
  const words = runs.flatMap((run, r) => run.words.map((span, w) => ({ span, run: r, inRun: w })));
  const highlights: Highlight[] = [];
  for (let k = 0; k < count; k++) {
    const segmentStart = Math.floor((k * words.length) / count);
    const segmentEnd = Math.floor(((k + 1) * words.length) / count);
    const span = quoteIn(picker, words, runs, segmentStart, segmentEnd);
    if (!span) continue;
    const start = index.toCodePoint(span[0]);
    const end = index.toCodePoint(span[1]);
    const turn = turnAt(turns, start);
    const note = picker.chance(0.5) ? making.speech.note(making.participantIds) : undefined;
    highlights.push({
      ...makeAnchor(index, making.newId(), start, end),
      tags: making.tags(),
      ...(note ? { note } : {}),
      ...(turn?.speaker ? { speaker: turn.speaker } : {}),
      ...(turn?.time ? { time: turn.time } : {}),
      coder: picker.one(CODERS),
    });
  }
  return highlights;
}

/** A UTF-16 span of 12–45 words inside one run, starting within [segmentStart, segmentEnd). */
function quoteIn(picker: Picker, words: { span: [number, number]; run: number; inRun: number }[], runs: QuotableRun[], segmentStart: number, segmentEnd: number): [number, number] | undefined {
  for (let attempt = 0; attempt < 40; attempt++) {
    const first = words[picker.int(segmentStart, Math.max(segmentStart, segmentEnd - 1))];
    if (!first) return undefined;
    const run = runs[first.run]!;
    const room = Math.min(MAX_QUOTE_WORDS, run.words.length - first.inRun);
    if (room < MIN_QUOTE_WORDS) continue;
    const length = picker.int(MIN_QUOTE_WORDS, room);
    return [first.span[0], run.words[first.inRun + length - 1]![1]];
  }
  return undefined;
}

const TAG_GROUPS = [
  'Service access',
  'Communication',
  'Waiting',
  'Money',
  'Wellbeing',
  'Home and equipment',
  'Digital access',
  'Family and support',
  'Health',
  'Trust',
  'Goals',
  'Frustrations',
  'Behaviours',
  'Pension transition',
  'Housing',
];
const TAG_FACETS = `delays callbacks letters forms phone lines websites assessments visits fittings grants appeals complaints handovers referrals eligibility deadlines
reminders updates jargon apologies queues passwords portals emails video calls home visits carers neighbours children friends charities advocates GP hospital pain falls
sleep mood isolation pride dignity independence control fear anger relief gratitude budgets debts savings bills arrears benefits pension credit tax food energy transport
repairs damp stairs bathrooms kitchens ramps rails lifts showers equipment`.split(/\s+/);
const TAG_QUALIFIERS = ['Unclear', 'Missed', 'Slow', 'Helpful', 'Confusing', 'Lost', 'Repeated', 'Late', 'Good', 'Poor', 'Costly', 'Free', 'Urgent', 'Informal', 'Formal', 'Shared', 'Hidden', 'Broken'];

/** A codebook of `count` tags: group roots, children under them, grandchildren under some children. */
function makeCodebook(picker: Picker, speech: Speech, count: number): Tag[] {
  const tags: Tag[] = [];
  const ids = new Set<string>();
  const add = (label: string, parent?: string): string | undefined => {
    const id = slugify(label);
    if (ids.has(id) || tags.length >= count) return undefined;
    ids.add(id);
    const color = '#' + Array.from({ length: 3 }, () => picker.int(0, 255).toString(16).padStart(2, '0')).join('');
    tags.push({
      id,
      label,
      description: speech.sentence(),
      color,
      ...(parent ? { parent } : {}),
      ...(picker.chance(0.1) ? { aliases: [slugify(`${picker.one(TAG_QUALIFIERS)} ${label}`)] } : {}),
    });
    return id;
  };
  const roots = TAG_GROUPS.flatMap((label) => add(label) ?? []);
  const children: string[] = [];
  for (let tries = 0; tags.length < Math.min(count, roots.length * 7) && tries < 10_000; tries++) {
    const child = add(capitalised(`${picker.one(TAG_FACETS)} ${picker.one(TAG_FACETS)}`), picker.one(roots));
    if (child) children.push(child);
  }
  for (let tries = 0; tags.length < count && tries < 100_000; tries++) {
    add(`${picker.one(TAG_QUALIFIERS)} ${picker.one(TAG_FACETS)} ${picker.one(TAG_FACETS)}`, picker.one(children));
  }
  return tags;
}

function researchFile(params: CorpusParams): Record<string, unknown> {
  return {
    name: 'Synthetic benchmark study',
    description: `A generated study: ${params.transcripts} interviews, ${params.transcripts * params.highlightsPerTranscript} highlights.`,
    sources: ['transcripts/**/*.md', 'transcripts/**/*.vtt', 'transcripts/**/*.srt', 'transcripts/**/*.txt'],
    attributes: {
      'age-band': { type: 'enum', values: ['18-34', '35-64', '65+'] },
      channel: { type: 'enum', values: ['phone', 'online', 'face-to-face'] },
      disability: { type: 'enum', values: ['yes', 'no', 'prefer-not-to-say'] },
      service: { type: 'enum', values: ['adaptations', 'pension-transition'] },
    },
    sampling: { 'age-band': { '65+': 0.4, '35-64': 0.4, '18-34': 0.2 }, channel: { phone: 0.4, online: 0.3, 'face-to-face': 0.3 } },
  };
}

function participant(picker: Picker, id: string): Record<string, unknown> {
  return {
    id,
    attributes: {
      'age-band': picker.one(['18-34', '35-64', '65+']),
      channel: picker.one(['phone', 'online', 'face-to-face']),
      disability: picker.one(['yes', 'no', 'prefer-not-to-say']),
      service: picker.one(['adaptations', 'pension-transition']),
    },
    consent: { by: picker.chance(0.9) ? 'participant' : 'carer', date: `2026-02-${two(picker.int(1, 28))}`, scope: picker.chance(0.8) ? 'verbatim' : 'anonymised' },
  };
}

/** Forty themes and fifteen insights citing highlights, so cross-reference checks have work to do. */
async function writeThemesAndInsights(fs: NodeFileSystem, picker: Picker, speech: Speech, highlightIds: readonly string[]): Promise<void> {
  const plan = new EditPlan(fs, undefined);
  const themeIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const title = speech.sentence().replace(/[.?!,]+$/, '');
    const id = `${slugify(title, 40)}-${i + 1}`;
    themeIds.push(id);
    await plan.create('theme', `themes/${id}.yaml`, { title, summary: speech.sentences(1, 2), highlights: picker.distinct(picker.int(5, 30), () => picker.one(highlightIds)) });
  }
  for (let i = 0; i < 15; i++) {
    const statement = speech.sentence();
    await plan.create('insight', `insights/${slugify(statement, 40)}-${i + 1}.yaml`, {
      statement,
      status: picker.one(['draft', 'in-review', 'accepted']),
      confidence: picker.one(['low', 'medium', 'high']),
      themes: picker.distinct(picker.int(1, 3), () => picker.one(themeIds)),
      evidence: picker.distinct(picker.int(2, 8), () => picker.one(highlightIds)),
    });
  }
  await applyPlan(fs, plan);
}

async function applyPlan(fs: NodeFileSystem, plan: EditPlan): Promise<void> {
  const { edits, problems } = plan.result();
  if (problems.length > 0) throw new Error(`generator: ${problems.map((p) => p.message).join('; ')}`);
  await fs.apply(edits);
}

function shuffled<T>(picker: Picker, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = picker.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function capitalised(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
