/**
 * A recommendation as the views show it (the insight view, the Actions view, `sift actions`):
 * plain data with the figures already in words, so a webview, which formats nothing itself,
 * shows exactly what the CLI and the report print.
 */
import type { RecommendationView } from '../../protocol/insight';
import { formatMeasure } from '../format';
import type { Measure, Recommendation } from '../model';
import { evidenceKind, isOverdue } from './recommendation';

/** `average wait for a major adaptation: 183 → 52 days (−72%)`. */
export function describeMeasure(m: Measure): string {
  return `${m.name}: ${formatMeasure(m)}`;
}

export function recommendationView(r: Recommendation, today: string): RecommendationView {
  return {
    action: r.action,
    ...(r.owner ? { owner: r.owner } : {}),
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.due ? { due: r.due } : {}),
    overdue: isOverdue(r, today),
    ...(r.outcome ? { outcome: { change: r.outcome.change, ...(r.outcome.measure ? { measure: describeMeasure(r.outcome.measure) } : {}), evidence: r.outcome.evidence.map((ref) => ({ ref, kind: evidenceKind(ref) })) } } : {}),
  };
}
