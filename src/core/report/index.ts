/**
 * `sift report`'s core: a workspace in, a readable research report out, as Markdown or as
 * a self-contained HTML page.
 */
import type { Workspace } from '../workspace/workspace';
import { buildReport, type ReportOptions } from './build';
import { renderHtml } from './html';
import { layoutReport } from './layout';
import { renderMarkdown } from './markdown';

/** A persona as a page of its own (Markdown, or HTML to print), as the report shows it. */
export { personaHtml, personaMarkdown } from '../personas/card';

export type ReportFormat = 'md' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html'];

export function renderReport(ws: Workspace, format: ReportFormat, options: ReportOptions = {}): string {
  const blocks = layoutReport(buildReport(ws, options));
  return format === 'html' ? renderHtml(blocks) : renderMarkdown(blocks);
}
