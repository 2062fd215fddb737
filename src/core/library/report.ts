/**
 * The report of a library: its insights across studies first (laid out as a study's report
 * lays out insights, each quote naming its study), the use of the shared codebook, then
 * each study's own report, one level down. Consent and masking are each study's, applied
 * exactly as `sift report` applies them in the study (withdrawn participants in nothing,
 * words only where consent allows, open personal-data findings masked).
 */
import { indexEvidence, pickQuotes } from '../insights/evidence';
import type { Insight, InsightStatus } from '../model';
import type { SharingGuard } from '../privacy/share';
import { NO_GUARD } from '../privacy/share';
import { buildReport, QuoteMasking, type ReportInsight, type ReportQuote } from '../report/build';
import type { Block } from '../report/document';
import { renderHtml } from '../report/html';
import { layoutInsight, layoutReport } from '../report/layout';
import { renderMarkdown } from '../report/markdown';
import type { ReportFormat } from '../report';
import { parseStudyRef, type Library, type StudyInLibrary } from './library';
import { libraryStrength } from './insights';
import { libraryStats } from './stats';

const QUOTES = 4;
const ORDER: InsightStatus[] = ['actioned', 'accepted', 'in-review', 'draft'];

export interface LibraryReportOptions {
  date?: string;
  /** Each study's personal-data guard, by study id (see `studyGuard`). */
  guards?: ReadonlyMap<string, SharingGuard>;
}

export function renderLibraryReport(library: Library, studies: readonly StudyInLibrary[], insights: readonly Insight[], format: ReportFormat, options: LibraryReportOptions = {}): string {
  const blocks = layoutLibraryReport(library, studies, insights, options);
  return format === 'html' ? renderHtml(blocks) : renderMarkdown(blocks);
}

export function layoutLibraryReport(library: Library, studies: readonly StudyInLibrary[], insights: readonly Insight[], options: LibraryReportOptions = {}): Block[] {
  const stats = libraryStats(library, studies, insights, library.name ?? 'Research library');
  const t = stats.totals;
  const across = libraryInsightBlocks(libraryInsightReports(studies, insights, options.guards));
  const studyBlocks = studies.map((s) => ({ s, blocks: layoutReport(buildReport(s.workspace, { ...(options.date ? { date: options.date } : {}), guard: options.guards?.get(s.study.id) ?? NO_GUARD })) }));
  const contents = [
    ...(across.length > 0 ? [{ anchor: 'across-studies', text: 'Across studies' }] : []),
    ...(stats.globalTags.length > 0 ? [{ anchor: 'shared-codebook', text: 'Shared codebook' }] : []),
    ...studyBlocks.map(({ s, blocks }) => ({ anchor: s.study.id, text: headingText(blocks) ?? s.study.id })),
  ];
  return [
    { kind: 'heading', level: 1, text: stats.name },
    ...(library.description ? [{ kind: 'paragraph', content: [library.description], style: 'lead' } as Block] : []),
    { kind: 'paragraph', style: 'muted', content: [`${t.studies} studies, ${t.participants} participants, ${t.highlights} coded highlights.${options.date ? ` Report produced with Sift on ${options.date}.` : ''}`] },
    { kind: 'contents', items: contents },
    ...(across.length > 0 ? [{ kind: 'heading', level: 2, text: 'Across studies', anchor: 'across-studies' } as Block, ...across] : []),
    ...(stats.globalTags.length > 0
      ? [
          { kind: 'heading', level: 2, text: 'Shared codebook', anchor: 'shared-codebook' } as Block,
          {
            kind: 'table',
            header: ['Global tag', 'Highlights', 'Participants', 'Studies'],
            rows: stats.globalTags.map((g) => [[g.label], [String(g.highlights)], [String(g.participants)], [String(g.studies)]]),
            numeric: [false, true, true, true],
          } as Block,
        ]
      : []),
    ...studyBlocks.flatMap(({ s, blocks }) => nested(blocks, s.study.id)),
  ];
}

/** A library insight as the report and the site show it: its report data (quotes masked as in each study's report) and where it was heard. */
export interface LibraryInsightReport {
  insight: ReportInsight;
  /** `housing-repairs (3 participants)`, per study with usable evidence. */
  heard: string[];
}

/**
 * The library's insights as reported (rejected ones left out), strongest first, each with up
 * to four quotes taken in turn from the studies it was heard in. Consent and masking are each
 * study's: a quote is one its own report could show, masked as its report masks it.
 */
export function libraryInsightReports(studies: readonly StudyInLibrary[], insights: readonly Insight[], guards?: ReadonlyMap<string, SharingGuard>): LibraryInsightReport[] {
  const byId = new Map(studies.map((s) => [s.study.id, { s, index: indexEvidence(s.workspace), masking: new QuoteMasking(guards?.get(s.study.id) ?? NO_GUARD) }]));
  const indexes = new Map([...byId].map(([id, v]) => [id, v.index]));
  return insights
    .filter((i) => ORDER.includes(i.status))
    .map((i) => ({ i, strength: libraryStrength(indexes, i.evidence) }))
    .sort((a, b) => ORDER.indexOf(a.i.status) - ORDER.indexOf(b.i.status) || b.strength.studies - a.strength.studies || b.strength.participants - a.strength.participants || (a.i.id < b.i.id ? -1 : 1))
    .map(({ i, strength }) => {
      const cited = (study: string) => i.evidence.flatMap((e) => (parseStudyRef(e)?.study === study ? [parseStudyRef(e)!.highlight] : []));
      // One quote per study first, so the list shows the finding is heard in more than one place.
      const perStudy = strength.perStudy.map(({ study }) => {
        const v = byId.get(study)!;
        return pickQuotes(v.index, cited(study), QUOTES, v.masking.shareable).map((e): ReportQuote => {
          const q = v.masking.quote(e);
          return { ...q, participant: `${q.participant ?? 'unknown participant'}, ${study}` };
        });
      });
      const withheld = strength.perStudy.reduce((n, { study }) => n + cited(study).filter((h) => byId.get(study)!.index.byId.get(h)?.quotable === false).length, 0);
      const insight: ReportInsight = {
        id: i.id,
        statement: i.statement,
        status: i.status,
        ...(i.confidence ? { confidence: i.confidence } : {}),
        themes: [],
        recommendations: i.recommendations,
        strength,
        quotes: interleave(perStudy).slice(0, QUOTES),
        withheld,
      };
      const heard = strength.perStudy.filter((p) => p.strength.highlights > 0).map((p) => `${p.study} (${p.strength.participants} participant${p.strength.participants === 1 ? '' : 's'})`);
      return { insight, heard };
    });
}

/** Each library insight laid out as a study's report lays out an insight, with the studies it was heard in under its statement. */
export function libraryInsightBlocks(reports: readonly LibraryInsightReport[]): Block[] {
  return reports.flatMap(({ insight, heard }) => {
    const [group] = layoutInsight(insight);
    if (group?.kind === 'group') group.blocks.splice(2, 0, { kind: 'paragraph', style: 'muted', content: [{ em: 'Heard in: ' }, `${heard.length} ${heard.length === 1 ? 'study' : 'studies'} — ${heard.join(', ')}.`] });
    return group ? [group] : [];
  });
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let k = 0; lists.some((l) => k < l.length); k++) for (const l of lists) if (k < l.length) out.push(l[k]!);
  return out;
}

function headingText(blocks: readonly Block[]): string | undefined {
  const first = blocks.find((b) => b.kind === 'heading');
  return first?.kind === 'heading' ? first.text : undefined;
}

/** A study's report one level down: its title a section of the library's, anchors made unique by the study id. */
function nested(blocks: readonly Block[], study: string): Block[] {
  return blocks.map((b): Block => {
    if (b.kind === 'heading') return { ...b, level: b.level === 1 ? 2 : 3, anchor: b.level === 1 ? study : b.anchor ? `${study}-${b.anchor}` : undefined } as Block;
    if (b.kind === 'contents') return { ...b, items: b.items.map((item) => ({ ...item, anchor: `${study}-${item.anchor}` })) };
    if (b.kind === 'group') return { ...b, blocks: nested(b.blocks, study) };
    return b;
  });
}
