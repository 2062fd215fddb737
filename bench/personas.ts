/**
 * `npm run bench:personas`: persona generation and the research report on a synthetic
 * study of 500 participants and 50,000 highlights (targets: ≤ 2 s each). The workspace is
 * built in memory — loading files is measured by the main benchmark — with a planted
 * structure: six groups of participants, each leaning on its own tags (Zipf-distributed
 * over a 300-tag codebook with goals / frustrations / behaviours branches), plus themes,
 * insights, a journey and mixed consent. Deterministic (seeded). Prints a table; exits 0
 * whatever the numbers.
 */
import '../src/node/core-libraries';
import { generatePersonas } from '../src/core/personas/generate';
import { writePersonas } from '../src/core/personas/write';
import { renderReport } from '../src/core/report';
import { tagByParticipant, tagCooccurrence } from '../src/core/matrices';
import type { ConsentScope, Highlight, HighlightsFile, Insight, Journey, Participant, Tag, Theme, Transcript } from '../src/core/model';
import { DEFAULT_PATHS, DEFAULT_PRIVACY } from '../src/core/model';
import { readKinds } from '../src/core/sources/kinds';
import type { IFileSystem } from '../src/core/ports';
import { mulberry32 } from '../src/core/random';
import { EditPlan } from '../src/core/store/plan';
import type { Workspace } from '../src/core/workspace/workspace';
import { newHighlightId } from '../src/core/ids';
import { Picker, ZipfSampler } from './sampling';

const PARTICIPANTS = 500;
const HIGHLIGHTS = 50_000;
const TAGS = 300;
const GROUPS = 6;
const RUNS = 5;

function syntheticWorkspace(seed: number): Workspace {
  const random = mulberry32(seed);
  const pick = new Picker(random);
  const branches = ['goals', 'frustrations', 'behaviours', 'service', 'money', 'contact'];
  const codebook: Tag[] = branches.map((b) => ({ id: b, label: b[0]!.toUpperCase() + b.slice(1) }));
  for (let i = codebook.length; i < TAGS; i++) codebook.push({ id: `tag-${i}`, label: `Tag ${i}`, parent: branches[i % branches.length]! });
  const tagIds = codebook.slice(branches.length).map((t) => t.id);
  // Each group prefers its own shuffled ordering of the tags; Zipf makes a few dominant.
  const groupSamplers = Array.from({ length: GROUPS }, () => new ZipfSampler(shuffled(tagIds, random), 1.1));
  const scopes: ConsentScope[] = ['verbatim', 'verbatim', 'verbatim', 'anonymised', 'analysis-only'];
  const participants: Participant[] = [];
  const transcripts = new Map<string, Transcript>();
  const highlightFiles = new Map<string, HighlightsFile>();
  const all: Highlight[] = [];
  const taken = new Set<string>();
  const perParticipant = HIGHLIGHTS / PARTICIPANTS;
  for (let p = 0; p < PARTICIPANTS; p++) {
    const id = `P${String(p + 1).padStart(3, '0')}`;
    const group = p % GROUPS;
    participants.push({ id, attributes: { 'age-band': pick.one(['18-34', '35-64', '65+']), channel: pick.one(['phone', 'online', 'face-to-face']) }, consent: { by: 'participant', scope: p === 7 ? 'withdrawn' : pick.one(scopes) } });
    const source = `transcripts/${id.toLowerCase()}.md`;
    transcripts.set(source, { path: source, format: 'markdown', hash: '0'.repeat(40), length: 600 * perParticipant, meta: { participant: id, kind: 'interview', date: '2026-03-01' }, turns: [] });
    const highlights: Highlight[] = [];
    for (let h = 0; h < perParticipant; h++) {
      const tags = pick.distinct(pick.int(1, 3), () => (pick.chance(0.8) ? groupSamplers[group]!.draw(random) : pick.one(tagIds)));
      const hid = newHighlightId(random, taken);
      taken.add(hid);
      const start = h * 600;
      const highlight: Highlight = {
        id: hid,
        quote: `Participant ${id} says something memorable about ${tags.join(' and ')} here, at some length.`,
        prefix: '',
        suffix: '',
        start,
        end: start + 80,
        tags,
        speaker: id,
        coder: `researcher-${(p % 4) + 1}`,
      };
      highlights.push(highlight);
      all.push(highlight);
    }
    highlightFiles.set(`highlights/${source}.yaml`, { path: `highlights/${source}.yaml`, source, highlights });
  }
  const themes = new Map<string, Theme>();
  for (let t = 0; t < 40; t++)
    themes.set(`theme-${t}`, { id: `theme-${t}`, path: `themes/theme-${t}.yaml`, title: `Theme ${t}`, summary: 'What this theme says, in two sentences. It matters.', highlights: Array.from({ length: 60 }, () => pick.one(all).id) });
  const insights = new Map<string, Insight>();
  const statuses: Insight['status'][] = ['draft', 'in-review', 'accepted', 'actioned', 'rejected'];
  for (let i = 0; i < 30; i++)
    insights.set(`insight-${i}`, {
      id: `insight-${i}`,
      path: `insights/insight-${i}.yaml`,
      statement: `Insight ${i}: a claim backed by evidence.`,
      status: statuses[i % 5]!,
      themes: [`theme-${i}`],
      evidence: Array.from({ length: 25 }, () => pick.one(all).id),
      personas: [],
      recommendations: [{ action: 'Do something about it.', owner: 'a team', status: 'proposed' }],
    });
  const journey: Journey = {
    id: 'journey',
    path: 'journeys/journey.yaml',
    title: 'A journey',
    stages: Array.from({ length: 8 }, (_, s) => ({ id: `stage-${s}`, title: `Stage ${s}`, highlights: Array.from({ length: 40 }, () => ({ id: pick.one(all).id, sentiment: pick.int(-2, 2) })) })),
  };
  return {
    project: {
      name: 'Synthetic study',
      sources: ['transcripts/**/*.md'],
      attributes: { 'age-band': { type: 'enum', values: ['18-34', '35-64', '65+'] }, channel: { type: 'enum', values: ['phone', 'online', 'face-to-face'] } },
      sample: {},
      sampling: { 'age-band': { '18-34': { unit: 'share', value: 0.2 }, '35-64': { unit: 'share', value: 0.4 }, '65+': { unit: 'share', value: 0.4 } } },
      paths: DEFAULT_PATHS,
      privacy: DEFAULT_PRIVACY,
      kinds: readKinds(undefined),
      period: {},
      phases: [],
    },
    codebook,
    participants,
    transcripts,
    highlightFiles,
    themes,
    insights,
    personas: new Map(),
    journeys: new Map([[journey.id, journey]]),
    anchoring: new Map(),
    versions: new Map(),
    unreadable: new Set(),
    problems: [],
  };
}

/** No files: every persona is new, so the plan is built without any I/O to measure. */
const EMPTY: IFileSystem = { readFile: async () => undefined, stat: async () => undefined, listFiles: async () => [] };

async function measure(name: string, runs: number, work: () => unknown | Promise<unknown>): Promise<{ name: string; median: number; max: number }> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

async function main(): Promise<void> {
  const built = performance.now();
  const ws = syntheticWorkspace(20260301);
  console.log(
    `Synthetic study: ${ws.participants.length} participants, ${[...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0)} highlights, ${ws.codebook.length} tags (built in ${((performance.now() - built) / 1000).toFixed(1)} s)`,
  );
  let summary = '';
  const rows = [
    await measure('personas: generate (k by silhouette, 2..8)', RUNS, () => {
      const g = generatePersonas(ws);
      summary = `k = ${g.k}, silhouette ${g.silhouette.toFixed(2)}, sizes ${g.personas.map((p) => p.participants.length).join('/')}`;
    }),
    await measure('personas: generate with --k 6', RUNS, () => generatePersonas(ws, { k: 6 })),
    await measure('personas: generate + plan the files', RUNS, async () => writePersonas(new EditPlan(EMPTY, undefined), ws, generatePersonas(ws))),
    await measure('report: Markdown', RUNS, () => renderReport(ws, 'md')),
    await measure('report: HTML', RUNS, () => renderReport(ws, 'html')),
    await measure('matrices: tag × participant + co-occurrence', RUNS, () => [tagByParticipant(ws), tagCooccurrence(ws)]),
  ];
  console.log(`Clustering found: ${summary}`);
  const target = 2000;
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'measure'.padEnd(width)}  median ms  max ms  target`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.median.toFixed(0).padStart(9)}  ${r.max.toFixed(0).padStart(6)}  ${r.name.startsWith('matrices') ? '—' : r.max <= target ? '≤ 2 s: met' : '≤ 2 s: MISSED'}`);
}

void main();

/** Fisher–Yates with the seeded generator. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
