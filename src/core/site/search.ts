/**
 * The site's search: one document per thing a page shows (findings and other insights,
 * themes, personas, journeys, each quote once), written as one script file per study that
 * the search page loads on demand and indexes with MiniSearch (src/protocol/site-search.ts
 * says why in parts, and why the page indexes them rather than loading a built index).
 * Built from the report's data, so it holds exactly the words the pages show: what consent
 * withholds is not on a page, so it is not in the index either.
 */
import { SITE_INDEX_PARTS_GLOBAL, type SiteSearchDocument, type SiteSearchPart } from '../../protocol/site-search';
import type { ReportData, ReportInsight, ReportQuote } from '../report/build';
import { itemAnchor } from '../report/layout';
import type { LibraryInsightReport } from '../library/report';
import { ACROSS_PAGE, type StudyPaths } from './paths';

/** What the site calls a library's own insights. */
export const ACROSS_STUDIES = 'Across studies';

const EXCERPT = 160;

/** Search documents as the pages show them, each quote once. */
class Documents {
  private readonly docs: Omit<SiteSearchDocument, 'id' | 'study'>[] = [];
  private readonly seenQuotes = new Set<string>();

  /** `study`: what the results list names as where each document is (a study's title, or "Across studies"). */
  constructor(private readonly study: string) {}

  add(kind: string, title: string, parts: readonly (string | undefined)[], url: string): void {
    const text = parts.filter((p): p is string => !!p).join(' · ');
    this.docs.push({ kind, title, text, url, excerpt: excerpt(text) });
  }

  quotes(list: readonly ReportQuote[], where: string, url: string): void {
    for (const q of list) {
      if (this.seenQuotes.has(q.id)) continue;
      this.seenQuotes.add(q.id);
      this.docs.push({ kind: 'Quote', title: q.text, text: q.participant ?? '', url, excerpt: `${q.participant ? `${q.participant}, in ` : 'In '}${where}` });
    }
  }

  insight(kind: string, i: ReportInsight, url: string, more: readonly string[] = []): void {
    this.add(kind, i.statement, [i.themes.join('; '), ...i.recommendations.map((r) => r.action), ...more], url);
    this.quotes(i.quotes, `“${i.statement}”`, url);
  }

  /** The documents as a part of the index, numbered from `firstId` (ids run on across the parts). */
  part(firstId: number): SiteSearchPart {
    return { study: this.study, documents: this.docs.map((d, n) => ({ id: firstId + n, ...d })) };
  }
}

/** The documents of one study's pages, numbered from `firstId`. */
export function studyDocuments(report: ReportData, paths: StudyPaths, firstId: number): SiteSearchPart {
  const docs = new Documents(report.title);
  docs.add('Study', report.title, [report.description], paths.page('overview'));
  const insight = (kind: string) => (i: ReportInsight) => docs.insight(kind, i, paths.page('insights', itemAnchor('insight', i.id)));
  report.findings.forEach(insight('Finding'));
  report.emerging.forEach(insight('Emerging insight'));
  report.setAside.forEach(insight('Set aside'));
  for (const t of report.themes) {
    const url = paths.page('themes', itemAnchor('theme', t.id));
    docs.add('Theme', t.title, [t.summary], url);
    docs.quotes(t.quotes, `the theme “${t.title}”`, url);
  }
  for (const p of report.personas) {
    const url = paths.page('personas', itemAnchor('persona', p.id));
    docs.add('Persona', p.label ? `${p.name}, “${p.label}”` : p.name, [p.summary, ...p.goals, ...p.frustrations, ...p.behaviours], url);
    docs.quotes(p.quotes, `the persona ${p.name}`, url);
  }
  for (const j of report.journeys) {
    const url = paths.page('journeys', itemAnchor('journey', j.id));
    docs.add(
      'Journey',
      j.title,
      j.stages.flatMap((s) => [s.title, s.description]),
      url,
    );
    for (const s of j.stages) docs.quotes(s.quotes, `the stage “${s.title}” of “${j.title}”`, url);
  }
  return docs.part(firstId);
}

/** The documents of a library's own insights (its across-studies page), numbered from `firstId`. */
export function libraryInsightDocuments(reports: readonly LibraryInsightReport[], firstId: number): SiteSearchPart {
  const docs = new Documents(ACROSS_STUDIES);
  for (const { insight, heard } of reports) docs.insight(insight.status === 'accepted' || insight.status === 'actioned' ? 'Finding' : 'Emerging insight', insight, `${ACROSS_PAGE}#${itemAnchor('insight', insight.id)}`, heard);
  return docs.part(firstId);
}

/** A line of context: the first words of the text, cut at a word. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT) return line;
  const cut = line.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT / 2))}…`;
}

/** A part of the index as a script that adds it to a global: loadable from disk (no fetch) under a strict CSP (no inline script). */
export function searchPartScript(part: SiteSearchPart): string {
  // JSON is valid JavaScript; U+2028/2029 are escaped anyway for older parsers.
  const json = JSON.stringify(part)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `(window.${SITE_INDEX_PARTS_GLOBAL}=window.${SITE_INDEX_PARTS_GLOBAL}||[]).push(${json});\n`;
}
