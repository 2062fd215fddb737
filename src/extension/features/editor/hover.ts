/**
 * Hovering a highlight shows its tags, memo and coder, and links to the themes and
 * insights that use it.
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';
import { codePointAt, rangeOf } from '../../positions';

export function registerHover(sift: SiftContext): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { scheme: '*' },
    {
      provideHover(doc, position) {
        const ref = sift.transcriptOf(doc.uri);
        if (!ref) return undefined;
        const ws = ref.model.workspace!;
        const at = codePointAt(doc, position);
        const under = sift.highlightsOf(ref).filter((p) => p.result && p.result.state !== 'orphaned' && p.result.start <= at && at < p.result.end);
        if (under.length === 0) return undefined;
        const labels = new Map(ws.codebook.map((t) => [t.id, t]));
        const md = new vscode.MarkdownString('', true);
        md.isTrusted = { enabledCommands: ['sift.editMemo', 'sift.removeTag', 'sift.showHighlightsForTag', 'vscode.open'] };
        md.supportThemeIcons = true;
        for (const [i, p] of under.entries()) {
          if (i > 0) md.appendMarkdown('\n\n---\n\n');
          const h = p.highlight;
          const tags = h.tags.map((t) => `$(tag) ${escape(labels.get(t)?.label ?? t)}`).join('  ');
          md.appendMarkdown(`**${tags || 'no tags'}**`);
          if (p.result?.state === 'fuzzy') md.appendMarkdown(`\n\n$(warning) Found only approximately — confirm its place in Problems.`);
          if (h.note) md.appendMarkdown(`\n\n${escape(h.note)}`);
          const who = [h.speaker && `said by ${escape(h.speaker)}`, h.time && `at ${h.time}`, h.coder && `coded by ${escape(h.coder)}`].filter(Boolean).join(' · ');
          if (who) md.appendMarkdown(`\n\n_${who}_`);
          const links: string[] = [];
          for (const t of ws.themes.values()) if (t.highlights.includes(h.id)) links.push(`[$(layers) ${escape(t.title)}](${openLink(ref.model.fs.uri(t.path))})`);
          for (const ins of ws.insights.values()) if (ins.evidence.includes(h.id)) links.push(`[$(lightbulb) ${escape(shorten(ins.statement))}](${openLink(ref.model.fs.uri(ins.path))})`);
          if (links.length > 0) md.appendMarkdown(`\n\n${links.join('  \n')}`);
          md.appendMarkdown(`\n\n[Edit memo](command:sift.editMemo?${encodeURIComponent(JSON.stringify([h.id]))}) · [Remove tag](command:sift.removeTag?${encodeURIComponent(JSON.stringify([h.id]))}) · \`${h.id}\``);
        }
        const first = under[0]!.result!;
        return new vscode.Hover(md, rangeOf(doc, first.start, first.end));
      },
    },
  );
}

function openLink(uri: vscode.Uri): string {
  return `command:vscode.open?${encodeURIComponent(JSON.stringify([uri]))}`;
}

/** Transcript and memo text is shown as text, never as Markdown or HTML. */
function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, (c) => `\\${c}`);
}

function shorten(s: string, n = 70): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
