/**
 * Checks on recommendations that a schema cannot make: a declined one says why, a done one
 * says what changed, a due date is a day of the calendar, the evidence of an outcome exists
 * (a file in the study, a highlight), and the older status word `rejected` is pointed out
 * with what to write instead. Overdue actions depend on the day, so they are a separate
 * check that the caller gives "today" (`sift check`; tests fix the day).
 */
import type { Insight, Recommendation } from '../model';
import { isSafeRelativePath, type PointedProblem } from '../workspace/references';
import type { Workspace } from '../workspace/workspace';
import { ACTION_STATUS_LABELS, evidenceKind, isIsoDate, isOverdue, OLDER_STATUS_WORDS } from './recommendation';

/** Problems in every insight's recommendations; `files` are the paths the study holds (to find evidence files). */
export function actionProblems(ws: Workspace, files: { has(path: string): boolean }): PointedProblem[] {
  const out: PointedProblem[] = [];
  const highlightsFolder = `${ws.project?.paths.highlights ?? 'highlights'}/`;
  // A highlight in a file that could not be read is not known to be missing: that file's own error says why.
  const highlightsKnown = ![...ws.unreadable].some((p) => p.startsWith(highlightsFolder));
  // Made only when an outcome cites a highlight: every check of a study runs this, and few studies have outcomes.
  let highlightIds: Set<string> | undefined;
  const hasHighlight = (id: string) => (highlightIds ??= new Set([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)))).has(id);
  for (const insight of ws.insights.values()) {
    insight.recommendations.forEach((r, k) => {
      const at = (...rest: (string | number)[]) => ['recommendations', k, ...rest];
      const report = (pointer: (string | number)[], severity: PointedProblem['severity'], code: string, message: string, fixes?: string[]) => out.push({ path: insight.path, pointer, severity, code, message, ...(fixes ? { fixes } : {}) });
      if (r.writtenStatus !== undefined) {
        const now = OLDER_STATUS_WORDS[r.writtenStatus]!;
        report(at('status'), 'warning', 'older-action-status', `“${r.writtenStatus}” is the older word for ${now}; Sift reads it as ${now}. Write \`status: ${now}\`${now === 'declined' && !r.reason ? ' and say why in `reason:`' : ''}.`, [
          now,
        ]);
      } else if (r.status === 'declined' && !r.reason) {
        report(at('status'), 'error', 'declined-without-reason', `${named(r)} is declined without a reason: add \`reason:\` saying why, so the decision can be understood later.`);
      }
      if (r.status === 'done' && !r.outcome)
        report(at('status'), 'warning', 'done-without-outcome', `${named(r)} is done but says nothing of what changed: add an \`outcome:\` with the change, a measure before and after where there is one, and its evidence.`);
      if (r.due !== undefined && !isIsoDate(r.due)) report(at('due'), 'error', 'bad-due-date', `The due date ${r.due} is not a day of the calendar: write YYYY-MM-DD, e.g. 2026-09-30.`);
      r.outcome?.evidence.forEach((ref, j) => {
        const wrong = evidenceProblem(ref, { hasHighlight: (id) => !highlightsKnown || hasHighlight(id), hasFile: (path) => files.has(path) });
        if (wrong) report(at('outcome', 'evidence', j), 'error', wrong.code, wrong.message);
      });
    });
  }
  return out;
}

/**
 * What is wrong with one piece of an outcome's evidence, or undefined: a web address Sift cannot
 * open, a highlight or a file the study does not have, a path leading out of the study.
 */
export function evidenceProblem(ref: string, study: { hasHighlight(id: string): boolean; hasFile(path: string): boolean }): { code: string; message: string } | undefined {
  const kind = evidenceKind(ref);
  if (kind === 'link') return isWebAddress(ref) ? undefined : { code: 'bad-evidence-link', message: `“${ref}” is not a web address Sift can open; write the whole address, e.g. https://example.org/report.` };
  if (kind === 'highlight') return study.hasHighlight(ref) ? undefined : { code: 'dangling-reference', message: `The highlight ${ref} given as evidence of this outcome does not exist.` };
  if (!isSafeRelativePath(ref)) return { code: 'evidence-outside', message: `The evidence “${ref}” points outside the study; give a file inside this folder (like outcomes/waiting-times.csv), a web address, or a highlight id.` };
  return study.hasFile(ref) ? undefined : { code: 'missing-evidence-file', message: `The file ${ref} given as evidence of this outcome does not exist in the study.` };
}

/** One warning per open recommendation due before `today` (YYYY-MM-DD). */
export function overdueProblems(ws: Workspace, today: string): PointedProblem[] {
  return overdueActions(ws, today).map(({ insight, index, recommendation: r }) => ({
    path: insight.path,
    pointer: ['recommendations', index, 'due'],
    severity: 'warning',
    code: 'overdue-action',
    message: `${named(r)}${r.owner ? ` (${r.owner})` : ''} was due on ${r.due} and is ${ACTION_STATUS_LABELS[r.status].toLowerCase()}: update its status, or agree a new due date.`,
  }));
}

/** Open recommendations due before `today`, in insight order. */
export function overdueActions(ws: Workspace, today: string): { insight: Insight; index: number; recommendation: Recommendation }[] {
  return [...ws.insights.values()].flatMap((insight) => insight.recommendations.flatMap((recommendation, index) => (isOverdue(recommendation, today) ? [{ insight, index, recommendation }] : [])));
}

/** `“Send a status update every four weeks…”`: a recommendation named by the start of its action. */
function named(r: Recommendation): string {
  const words = r.action.length > 60 ? `${r.action.slice(0, 59).trimEnd()}…` : r.action;
  return `“${words}”`;
}

/** `https://host.example/…`: a scheme, a host with a dot (or localhost), no spaces. (The core has no URL parser: it runs without host globals.) */
function isWebAddress(ref: string): boolean {
  return /^https?:\/\/(?:[^\s/?#.]+\.)+[^\s/?#.]+(?::\d+)?(?:[/?#]\S*)?$|^https?:\/\/localhost(?::\d+)?(?:[/?#]\S*)?$/i.test(ref);
}
