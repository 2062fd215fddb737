/**
 * The wording and order of a research report, from its data to document blocks: a
 * summary a director can read in a minute, then findings with their evidence and actions,
 * emerging insights, themes, personas, journeys, who was (and was not) heard, what was set
 * aside, and how the study was done.
 */
import { KIND_LABELS, type PiiKind } from '../privacy/findings';
import { describeStrength, type EvidenceStrength } from '../insights/evidence';
import type { ReportData, ReportEvidence, ReportInsight, ReportJourney, ReportPersona, ReportQuote, ReportTheme } from './build';
import { formatLift, formatOf, formatSentiment, formatShare, formatSilhouette } from '../format';
import { adviceText, gapText, groupText, haveText, samplingMethod, targetText } from '../sampling-summary';
import { type Block, type Inline, type Tone } from './document';
import { layoutOutcomes } from './outcomes';

const STATUS: Record<string, { text: string; tone: Tone }> = {
  actioned: { text: 'Actioned', tone: 'good' },
  accepted: { text: 'Accepted', tone: 'good' },
  'in-review': { text: 'In review', tone: 'warn' },
  draft: { text: 'Draft', tone: 'neutral' },
  rejected: { text: 'Set aside', tone: 'neutral' },
};
const RECOMMENDATION: Record<string, { text: string; tone: Tone }> = {
  proposed: { text: 'Proposed', tone: 'neutral' },
  agreed: { text: 'Agreed', tone: 'warn' },
  'in-progress': { text: 'In progress', tone: 'warn' },
  done: { text: 'Done', tone: 'good' },
  declined: { text: 'Declined', tone: 'neutral' },
};

/** Transcript kinds as a sentence says them, singular and plural. */
const KINDS: Record<string, [string, string]> = {
  interview: ['interview', 'interviews'],
  diary: ['diary', 'diaries'],
  'focus-group': ['focus group', 'focus groups'],
  observation: ['observation', 'observations'],
  survey: ['set of survey comments', 'sets of survey comments'],
  'call transcript': ['call transcript', 'call transcripts'],
  transcript: ['transcript', 'transcripts'],
};

/** One section of a report: the site makes each its own page, the report one page of them all. */
export interface ReportSection {
  anchor: string;
  title: string;
  blocks: Block[];
}

export function layoutReport(r: ReportData): Block[] {
  const present = reportSections(r);
  return [
    ...reportIntro(r),
    { kind: 'heading', level: 2, text: 'At a glance', anchor: 'at-a-glance' },
    ...atAGlance(r),
    { kind: 'contents', items: present.map(({ anchor, title }) => ({ anchor, text: title })) },
    ...present.flatMap(({ anchor, title, blocks }): Block[] => [{ kind: 'heading', level: 2, text: title, anchor }, ...blocks]),
  ];
}

/** The title, the description and the study in numbers. */
export function reportIntro(r: ReportData): Block[] {
  return [{ kind: 'heading', level: 1, text: r.title }, ...(r.description ? [para([r.description], 'lead')] : []), para([numbers(r), ...(r.date ? [` Report produced with Sift on ${r.date}.`] : [])], 'muted')];
}

/** The report's sections that have something to say, in order. */
export function reportSections(r: ReportData): ReportSection[] {
  const sections: ReportSection[] = [
    { anchor: 'findings', title: 'Findings', blocks: r.findings.flatMap((i, n) => insight(i, n + 1)) },
    { anchor: 'outcomes', title: 'What changed as a result', blocks: layoutOutcomes(r.actions) },
    { anchor: 'emerging', title: 'Emerging insights', blocks: r.emerging.length > 0 ? [para(['Not yet agreed by the team: treat these as leads to test, not conclusions.'], 'muted'), ...r.emerging.flatMap((i) => insight(i))] : [] },
    { anchor: 'themes', title: 'Themes', blocks: r.themes.flatMap(theme) },
    { anchor: 'personas', title: 'Personas', blocks: personas(r) },
    { anchor: 'segments', title: 'Segments', blocks: r.segmentations.flatMap(segmentation) },
    { anchor: 'journeys', title: r.journeys.length === 1 ? 'Journey' : 'Journeys', blocks: r.journeys.flatMap(journey) },
    { anchor: 'sample', title: 'Who we heard from', blocks: coverage(r) },
    { anchor: 'set-aside', title: 'Considered and set aside', blocks: r.setAside.flatMap((i) => insight(i)) },
    { anchor: 'method', title: 'Method', blocks: method(r) },
  ];
  return sections.filter((s) => s.blocks.length > 0);
}

/** Where an item of the report can be linked to (a search result on the site, a note in a review). */
export function itemAnchor(kind: 'insight' | 'theme' | 'persona' | 'journey', id: string): string {
  return `${kind}-${id}`;
}

function para(content: Inline[], style?: 'lead' | 'muted'): Block {
  return { kind: 'paragraph', content, ...(style ? { style } : {}) };
}

const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

function numbers(r: ReportData): string {
  const m = r.method;
  const period = m.period ? (m.period.from === m.period.to ? ` on ${m.period.from}` : ` between ${m.period.from} and ${m.period.to}`) : '';
  const transcripts = m.sources.reduce((a, s) => a + s.count, 0);
  return capitalise(`${participantsCounted(m)}, ${count(transcripts, 'transcript')}${period}; ${highlightsCoded(m)}.`);
}

/**
 * `12 participants`, or, in a study whose participants.yaml lists nobody, who the transcripts
 * name; when they name nobody either (a REFI-QDA project without cases, comments), that no
 * participant is recorded: never a bare "0 participants" beside what was heard.
 */
function participantsCounted(m: ReportData['method']): string {
  if (m.unlisted > 0) return `${count(m.unlisted, 'participant')} named by the transcripts, none listed in participants.yaml`;
  return unrecorded(m) ? 'no participant recorded' : count(m.participants, 'participant');
}

/** Heard (transcripts or highlights), yet nobody listed or named. */
export function unrecorded(m: ReportData['method']): boolean {
  return m.participants === 0 && m.unlisted === 0 && m.withdrawn === 0 && (m.highlights > 0 || m.sources.length > 0);
}

const NOBODY_NAMED = 'participants.yaml lists nobody and the transcripts name no participant';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `80 coded highlights`, or, when some are not tagged (survey comments arrive so), `120 highlights, 40 of them tagged`. */
function highlightsCoded(m: ReportData['method']): string {
  if (m.tagged === m.highlights) return count(m.highlights, 'coded highlight');
  return `${count(m.highlights, 'highlight')}, ${m.tagged === 0 ? 'none' : `${m.tagged} of them`} tagged`;
}

/** The findings, low points, personas, segments and gaps in a sentence each. */
export function atAGlance(r: ReportData): Block[] {
  const items: Inline[][] = [];
  for (const i of r.findings) items.push([{ strong: i.statement }, ` (${STATUS[i.status]!.text.toLowerCase()}; ${describeStrength(i.strength)})`]);
  for (const j of r.journeys) {
    const low = j.stages.filter((s) => s.lowest);
    if (low.length > 0) items.push([`Lowest point of “${j.title}”: `, { strong: low.map((s) => s.title).join(' and ') }, ` (mean sentiment ${formatSentiment(low[0]!.mean!)} on a scale from −2 to +2).`]);
  }
  const sets = personaSets(r.personas);
  for (const [set, members] of sets) {
    const who = members.flatMap((p, i): Inline[] => [i === 0 ? '' : i === members.length - 1 ? ' and ' : ', ', `${formatShare(p.share)}${i === 0 ? ' resemble' : ''} `, { strong: personaTitle(p) }]);
    const rest = 1 - members.reduce((sum, p) => sum + p.share, 0);
    const none = rest >= 0.005 ? `; the other ${formatShare(rest)} ${members.length === 1 ? 'do not' : members.length === 2 ? 'resemble neither' : 'none of them'}` : '';
    items.push([sets.size > 1 ? `Personas ${setName(set)}: of the participants, ` : 'Of the participants, ', ...who, `${none}.`]);
  }
  for (const s of r.segmentations) {
    const largest = [...s.segments].sort((a, b) => b.share - a.share)[0];
    if (largest) items.push([`Segments (${s.attribute}): ${count(s.segments.length, 'segment')}; the largest, `, { strong: largest.value }, `, is ${formatShare(largest.share)} of the total sample.`]);
  }
  const under = r.sampling.filter((s) => s.status === 'under');
  if (under.length > 0)
    items.push(['Under-represented: ', ...under.flatMap((s, i): Inline[] => [...(i > 0 ? ['; '] : []), { strong: groupText(s) }, ` (${formatOf(s.count, r.method.participants)}, ${gapText(s)})`]), ' — see “Who we heard from”.']);
  const noFindings = r.reach === 'heard' ? [para([noFindingsYet(r.draftPersonas)])] : [];
  if (items.length === 0) return noFindings.length > 0 ? noFindings : [para(['No accepted findings yet.'], 'muted')];
  return [...noFindings, { kind: 'list', items }];
}

/** Said first in a report or site of a study under way, so nobody reads its sample and method as the whole of a finished study. */
function noFindingsYet(draftPersonas: number): string {
  const drafts = draftPersonas > 0 ? ` (${count(draftPersonas, 'draft persona')} ${draftPersonas === 1 ? 'awaits' : 'await'} the team's acceptance)` : '';
  return `This study has no findings yet: no insight, theme, accepted persona or journey has been written, so only who was heard and how the study was done are shown${drafts}.`;
}

function strengthLine(e: ReportEvidence): Inline[] {
  const s: EvidenceStrength = e.strength;
  const caution = s.level === 'one-voice' ? ' — one participant only: a lead, not yet a pattern' : s.level === 'thin' ? ' — two participants: thin' : '';
  const withheld = e.withheld > 0 ? ` ${count(e.withheld, 'highlight')} not quoted, as consent requires.` : '';
  return [{ em: 'Evidence: ' }, `${describeStrength(s)}${caution}.${withheld}`];
}

function quotes(list: readonly ReportQuote[]): Block[] {
  return list.map((q) => ({ kind: 'quote', text: q.text, ...(q.participant ? { by: q.participant } : {}), ...(q.clip ? { clip: q.clip } : {}) }));
}

function insight(i: ReportInsight, number?: number): Block[] {
  const status = STATUS[i.status]!;
  const meta: Inline[] = [{ badge: status.text, tone: status.tone }, ...(i.confidence ? [` · Confidence: ${i.confidence}`] : []), ...(i.themes.length > 0 ? [` · Themes: ${i.themes.join('; ')}`] : [])];
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: number !== undefined ? `${number}. ${i.statement}` : i.statement, anchor: itemAnchor('insight', i.id) }, para(meta), para(strengthLine(i), 'muted'), ...quotes(i.quotes)];
  if (i.recommendations.length > 0) {
    blocks.push({
      kind: 'table',
      header: ['Recommendation', 'Owner', 'Status'],
      rows: i.recommendations.map((rec) => [[rec.action], [rec.owner ?? '—'], [{ badge: RECOMMENDATION[rec.status]!.text, tone: RECOMMENDATION[rec.status]!.tone }]]),
      numeric: [false, false, false],
    });
  }
  return [{ kind: 'group', style: i.status === 'accepted' || i.status === 'actioned' ? 'finding' : 'card', blocks }];
}

function theme(t: ReportTheme): Block[] {
  return [{ kind: 'group', style: 'card', blocks: [{ kind: 'heading', level: 3, text: t.title, anchor: itemAnchor('theme', t.id) }, ...(t.summary ? [para([t.summary])] : []), para(strengthLine(t), 'muted'), ...quotes(t.quotes)] }];
}

/** Accepted personas by set, in the report's order: shares add up within a set, never across sets. */
function personaSets(list: readonly ReportPersona[]): Map<string, ReportPersona[]> {
  const sets = new Map<string, ReportPersona[]>();
  for (const p of list) sets.set(p.set, [...(sets.get(p.set) ?? []), p]);
  return sets;
}

/** `written by the team`, `drawn from the coding and age-band`. */
function setName(set: string): string {
  if (set === 'hand-written') return 'written by the team';
  if (set.startsWith('by-coding')) return `drawn from the coding${set.slice('by-coding'.length).replace(/-and-/g, ' and ')}`;
  return `of the set “${set}”`;
}

/** The accepted personas, set by set, and a plain word on the drafts left out. */
function personas(r: ReportData): Block[] {
  const blocks: Block[] = [];
  if (r.draftPersonas > 0) {
    const n = r.draftPersonas;
    blocks.push(para([`${n === 1 ? 'One draft persona is' : `${n} draft personas are`} not included: generated from the coding, ${n === 1 ? 'it has' : 'they have'} not been reviewed and accepted by the team.`], 'muted'));
  }
  const sets = personaSets(r.personas);
  for (const [set, members] of sets) {
    if (sets.size > 1) blocks.push(para([{ strong: `Personas ${setName(set)}. ` }, 'Each participant belongs to one of them at most; this set and the others are different ways of dividing the same people.'], 'muted'));
    blocks.push(...members.flatMap(layoutPersona));
  }
  return blocks;
}

/** A segmentation: each segment's share of the total sample, then each segment in its members' words. */
function segmentation(s: ReportData['segmentations'][number]): Block[] {
  const unassigned = s.unassigned > 0 ? ` ${count(s.unassigned, 'participant')} had nothing to segment by and ${s.unassigned === 1 ? 'is' : 'are'} in none.` : '';
  return [
    { kind: 'heading', level: 3, text: `By ${s.attribute}` },
    para([`Participants divided by the attribute “${s.attribute}” (written by sift segments); each participant is in one segment.${unassigned}`], 'muted'),
    {
      kind: 'table',
      header: ['Segment', 'Participants', '% of total sample'],
      rows: s.segments.map((g) => [[g.value], [String(g.participants)], [formatShare(g.share)]]),
      numeric: [false, true, true],
    },
    ...s.segments.filter((g) => g.quotes.length > 0).map((g): Block => ({ kind: 'group', style: 'card', blocks: [{ kind: 'heading', level: 3, text: `${g.value} — ${formatShare(g.share)} of the total sample` }, ...quotes(g.quotes)] })),
  ];
}

function personaTitle(p: ReportPersona): string {
  return p.label ? `${p.name}, “${p.label}”` : p.name;
}

/** A persona card: name and label, share, summary, distinguishing tags, traits, quotes. */
export function layoutPersona(p: ReportPersona): Block[] {
  const traits = (label: string, items: readonly string[]): Block[] => (items.length > 0 ? [{ kind: 'list', label, items: items.map((t) => [t]) }] : []);
  const distinguishing = p.distinguishing.map((d) => `${d.label} (${distinguishingFigure(d)})`).join('; ');
  const draft: Inline[] = p.status === 'draft' ? [' · ', { badge: 'Draft: not yet accepted by the team', tone: 'warn' }] : [];
  return [
    {
      kind: 'group',
      style: 'persona',
      blocks: [
        { kind: 'heading', level: 3, text: personaTitle(p), anchor: itemAnchor('persona', p.id) },
        para([{ badge: `${formatShare(p.share)} of the sample`, tone: 'neutral' }, ` · ${count(p.participants, 'participant')}`, ...draft]),
        ...(p.summary ? [para([p.summary])] : []),
        ...(distinguishing ? [para([{ em: 'Talks about more than others: ' }, distinguishing], 'muted')] : []),
        ...(p.separation ? [para([{ em: 'How distinct: ' }, separationSentence(p.separation)], 'muted')] : []),
        { kind: 'group', style: 'traits', blocks: [...traits('Goals', p.goals), ...traits('Frustrations', p.frustrations), ...traits('Behaviours', p.behaviours)] },
        ...quotes(p.quotes),
        ...(p.method ? [para([`Generated from the coding (${p.method}).`], 'muted')] : []),
      ],
    },
  ];
}

/** `5 of 6 in this persona vs 1 of 6 others`, or the lift alone for a persona written by hand. */
export function distinguishingFigure(d: ReportPersona['distinguishing'][number]): string {
  return d.members !== undefined && d.of !== undefined && d.others !== undefined && d.othersOf !== undefined ? `${d.members} of ${d.of} in this persona vs ${d.others} of ${d.othersOf} others` : `${formatLift(d.lift)} the sample's rate`;
}

/** `Overlapping with the other personas (silhouette 0.21; 0.26 across the set).` */
export function separationSentence(s: NonNullable<ReportPersona['separation']>): string {
  return `${s.words.charAt(0).toUpperCase()}${s.words.slice(1)} from the other personas of its set (silhouette ${formatSilhouette(s.group)} for this group, ${formatSilhouette(s.set)} across the set, on a scale from −1 to 1).`;
}

function journey(j: ReportJourney): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: j.title, anchor: itemAnchor('journey', j.id) }];
  if (j.persona) blocks.push(para([`As experienced by ${j.persona}.`], 'muted'));
  blocks.push({ kind: 'sentiment', stages: j.stages.map((s) => ({ title: s.title, ...(s.mean !== undefined ? { mean: s.mean } : {}), lowest: s.lowest })) });
  blocks.push({
    kind: 'table',
    header: ['Stage', 'Sentiment', 'Highlights', 'Participants', 'Note'],
    rows: j.stages.map((s) => [[s.title], [s.mean === undefined ? '—' : formatSentiment(s.mean)], [String(s.highlights)], [String(s.participants)], s.lowest ? [{ badge: 'Low point', tone: 'bad' }] : []]),
    numeric: [false, true, true, true, false],
  });
  for (const s of j.stages.filter((x) => x.lowest)) {
    blocks.push({
      kind: 'group',
      style: 'low-point',
      blocks: [
        para([{ strong: `Low point: ${s.title}` }, ` — mean sentiment ${formatSentiment(s.mean!)} from ${count(s.highlights, 'highlight')} (${count(s.participants, 'participant')}).${s.description ? ` ${s.description}` : ''}`]),
        ...quotes(s.quotes),
      ],
    });
  }
  const others = j.stages.filter((s) => !s.lowest && s.quotes.length > 0);
  if (others.length > 0)
    blocks.push({ kind: 'list', label: 'In their words, stage by stage', items: others.map((s) => [{ strong: `${s.title}: ` }, `“${s.quotes[0]!.text}”`, s.quotes[0]!.participant ? ` — ${s.quotes[0]!.participant}` : '']) });
  return blocks;
}

function coverage(r: ReportData): Block[] {
  const who = unrecorded(r.method) ? `No participant recorded: ${NOBODY_NAMED}, so who was heard is not known` : capitalise(participantsCounted(r.method));
  if (r.sampling.length === 0) return [para([`${who}. research.yaml sets no sampling targets, so the sample is not compared with any.`], 'muted')];
  const gaps = r.sampling.filter((s) => s.status !== 'on-target');
  const describe = (s: (typeof gaps)[number]) => `${groupText(s)}: ${haveText(s, r.method.participants)} against a target of ${targetText(s)} — ${adviceText(s)}`;
  return [
    para([samplingMethod(r.sampling)], 'muted'),
    { kind: 'coverage', rows: r.sampling, counted: r.method.participants },
    ...(gaps.some((g) => g.status === 'under') ? [{ kind: 'list', label: 'Under-represented (recruit more before generalising)', items: gaps.filter((g) => g.status === 'under').map((g) => [describe(g)]) } as Block] : []),
    ...(gaps.some((g) => g.status === 'over') ? [{ kind: 'list', label: 'Over-represented', items: gaps.filter((g) => g.status === 'over').map((g) => [describe(g)]) } as Block] : []),
  ];
}

function method(r: ReportData): Block[] {
  const m = r.method;
  const items: Inline[][] = [
    [
      { strong: 'Sources: ' },
      m.sources.length === 0
        ? 'no transcripts yet.'
        : m.sources.map((s) => count(s.count, ...(KINDS[s.kind] ?? [s.label, `${s.label}s`]))).join(', ') + (m.period ? `, ${m.period.from === m.period.to ? `on ${m.period.from}` : `from ${m.period.from} to ${m.period.to}`}` : '') + '.',
    ],
    [
      { strong: 'Participants: ' },
      `${m.unlisted > 0 ? `${m.unlisted} named by the transcripts, none listed in participants.yaml, so nothing is known of their attributes or consent` : unrecorded(m) ? `none recorded (${NOBODY_NAMED})` : m.participants}${m.withdrawn > 0 ? `, after ${count(m.withdrawn, 'participant')} who withdrew consent and ${m.withdrawn === 1 ? 'is' : 'are'} left out of everything in this report` : ''}.${m.consent.length > 0 ? ` Consent: ${m.consent.map((c) => `${c.count} ${c.scope}`).join(', ')}.` : ''}`,
    ],
    [
      { strong: 'Coding: ' },
      `${m.tagged === m.highlights ? `${count(m.highlights, 'highlight')} coded with ${count(m.tags, 'tag')}` : `${highlightsCoded(m)}${m.tags > 0 ? `, with ${count(m.tags, 'tag')}` : ''}`}${m.coders.length > 0 ? ` by ${m.coders.map((c) => `${c.name} (${c.highlights})`).join(', ')}` : ''}.`,
    ],
    ...(m.assisted.length > 0 ? [[{ strong: 'Assisted coding: ' }, assistedCoding(m)] as Inline[]] : []),
    [{ strong: 'Evidence: ' }, 'each claim counts the highlights behind it and the distinct participants and transcripts they come from; one talkative participant is not a pattern.'],
    [
      { strong: 'Quotes: ' },
      `attributed by participant id only. Words of participants who agreed only to anonymised quotation or to analysis are not reproduced${m.withheldQuotes > 0 ? ` (${count(m.withheldQuotes, 'cited highlight')})` : ''}; their highlights still count as evidence.`,
    ],
    ...(m.maskedPersonalData.length > 0
      ? [
          [
            { strong: 'Personal data masked: ' },
            `${m.maskedPersonalData.map((k) => `${k.count} ${KIND_LABELS[k.kind as PiiKind]?.replace(/^an? /, '') ?? k.kind}`).join(', ')} in the quotes shown: possible personal data that sift pii found and nobody has yet set aside in privacy.yaml.`,
          ] as Inline[],
        ]
      : []),
  ];
  const generated = r.personas.find((p) => p.method);
  if (generated) items.push([{ strong: 'Personas: ' }, `generated by clustering participants on their coding (${generated.method}), then reviewed by the team.`]);
  return [{ kind: 'list', items }];
}

/** One insight as the report lays it out (a library's report lays out its insights across studies the same way). */
export { insight as layoutInsight };

/**
 * `12 highlights of 40 were coded with assistance: 12 by the auto-code rule “…”, accepted as a whole
 * from its preview. The rest were coded by hand.` Says how each was accepted: an auto-code rule's
 * passages are accepted together, not each read by a researcher, and a reader should know which.
 */
function assistedCoding(m: ReportData['method']): string {
  const assisted = m.assisted.reduce((n, a) => n + a.highlights, 0);
  const rules = m.assisted
    .map((a) => (a.by === 'autocode' ? `${a.highlights} by the auto-code rule “${a.rule}”, accepted as a whole from its preview` : `${a.highlights} suggested (“${a.rule}”) and each accepted by a researcher`))
    .join('; ');
  return `${count(assisted, 'highlight')} of ${m.highlights} ${assisted === 1 ? 'was' : 'were'} coded with assistance: ${rules}. ${assisted >= m.highlights ? 'None was' : 'The rest were'} coded by hand.`;
}
