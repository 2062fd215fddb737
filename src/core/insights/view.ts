/**
 * What an insight view, an Insights tree and a persona card show, as plain data for any
 * host (webview, tree, hover). Inside the workspace the researcher sees every quote; each
 * says whether consent lets it leave the workspace (`quotable`), so a view can mark the ones
 * a report would hold back.
 */
import { MAX_MESSAGE_BYTES, messageBytes, type HostMessage, type InsightView, type QuoteView, type TagView } from '../../protocol/insight';
import type { Insight, InsightStatus } from '../model';
import type { Workspace } from '../workspace/workspace';
import { evidenceStrength, indexEvidence, type EvidenceIndex, type EvidenceStrength } from './evidence';
import { INSIGHT_STATUSES, nextStatuses } from './operations';
import { recommendationView } from '../actions/view';

/** A quote and an insight as the views show them: exactly what the insight view's messages carry (src/protocol/insight.ts). */
export type { InsightView, QuoteView };

export function quoteViews(ws: Workspace, index: EvidenceIndex, ids: readonly string[]): QuoteView[] {
  return [...new Set(ids)].flatMap((id) => {
    const e = index.byId.get(id);
    if (!e) return [];
    const placed = ws.anchoring.get(id);
    return [
      {
        id,
        quote: e.highlight.quote,
        ...(e.participant !== undefined ? { participant: e.participant } : {}),
        source: e.source,
        start: placed?.start ?? e.highlight.start,
        end: placed?.end ?? e.highlight.end,
        tags: e.highlight.tags,
        quotable: e.quotable,
        consent: e.policy.reason,
      },
    ];
  });
}

/** `today` (YYYY-MM-DD) tells which recommendations are overdue. */
export function insightView(ws: Workspace, insight: Insight, today: string, index: EvidenceIndex = indexEvidence(ws)): InsightView {
  return {
    id: insight.id,
    path: insight.path,
    statement: insight.statement,
    status: insight.status,
    next: nextStatuses(insight.status),
    ...(insight.confidence ? { confidence: insight.confidence } : {}),
    themes: insight.themes.map((id) => ({ id, title: ws.themes.get(id)?.title ?? id })),
    personas: insight.personas.map((id) => ({ id, name: ws.personas.get(id)?.name ?? id })),
    strength: evidenceStrength(index, insight.evidence),
    evidence: quoteViews(ws, index, insight.evidence),
    recommendations: insight.recommendations.map((r) => recommendationView(r, today)),
  };
}

/**
 * The message that shows an insight in the view. An insight citing thousands of long quotes
 * would outgrow the message limit: then only as many of its first quotes as fit are sent,
 * and `omitted` says how many more there are (the counts in `strength` are always whole).
 */
export function insightMessage(view: InsightView, tags: TagView[], writable: boolean): Extract<HostMessage, { type: 'insight' }> {
  const withQuotes = (n: number) => ({ type: 'insight' as const, insight: { ...view, evidence: view.evidence.slice(0, n) }, tags, writable, omitted: view.evidence.length - n });
  let message = withQuotes(view.evidence.length);
  for (let n = view.evidence.length; messageBytes(message) > MAX_MESSAGE_BYTES && n > 0;) {
    n = Math.floor(n * 0.75);
    message = withQuotes(n);
  }
  return message;
}

export interface InsightGroup {
  /** A status, or a theme id (`''` for insights without a theme). */
  key: string;
  label: string;
  insights: { id: string; statement: string; status: InsightStatus; strength: EvidenceStrength }[];
}

/** Insights grouped for a tree: by status in lifecycle order, or by theme (an insight under each of its themes). */
export function groupInsights(ws: Workspace, by: 'status' | 'theme', index: EvidenceIndex = indexEvidence(ws)): InsightGroup[] {
  const item = (i: Insight) => ({ id: i.id, statement: i.statement, status: i.status, strength: evidenceStrength(index, i.evidence) });
  const all = [...ws.insights.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (by === 'status') {
    return INSIGHT_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], insights: all.filter((i) => i.status === s).map(item) })).filter((g) => g.insights.length > 0);
  }
  const themes = [...ws.themes.values()].sort((a, b) => (a.title < b.title ? -1 : 1));
  const groups = themes.map((t) => ({ key: t.id, label: t.title, insights: all.filter((i) => i.themes.includes(t.id)).map(item) }));
  const loose = all.filter((i) => !i.themes.some((t) => ws.themes.has(t)));
  return [...groups, { key: '', label: 'No theme', insights: loose.map(item) }].filter((g) => g.insights.length > 0);
}

export const STATUS_LABELS: Record<InsightStatus, string> = { draft: 'Draft', 'in-review': 'In review', accepted: 'Accepted', actioned: 'Actioned', rejected: 'Rejected' };
