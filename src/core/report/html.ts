/**
 * A report as one self-contained HTML page: no scripts, no external files, a content
 * security policy that forbids both, every string escaped. Readable on screen and printed
 * (cards are not split across pages, colours kept).
 */
import { formatSentiment } from '../format';
import { gapText, haveText, targetText, wantedText } from '../sampling-summary';
import { type Block, type Inline } from './document';
import type { SamplingRow } from '../stats';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

export function renderHtml(blocks: readonly Block[]): string {
  const title = blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 1)?.text ?? 'Research report';
  return `${documentStart(title, "default-src 'none'; style-src 'unsafe-inline'")}
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
${renderBlocks(blocks)}
</main>
</body>
</html>
`;
}

/** A page's start, up to its title: the report's and the site's pages begin alike. */
export function documentStart(title: string, contentSecurityPolicy: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<title>${e(title)}</title>`;
}

/** The blocks as HTML elements, for a page that brings its own head (the report's, the site's). */
export function renderBlocks(blocks: readonly Block[]): string {
  return blocks.map(block).join('\n');
}

function inline(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? e(c) : 'strong' in c ? `<strong>${e(c.strong)}</strong>` : 'em' in c ? `<em>${e(c.em)}</em>` : `<span class="badge ${c.tone}">${e(c.badge)}</span>`)).join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}${b.anchor ? ` id="${e(b.anchor)}"` : ''}>${e(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.style ? ` class="${b.style}"` : ''}>${inline(b.content)}</p>`;
    case 'quote':
      return `<blockquote><p>${e(b.text)}</p>${b.by || b.clip ? `<footer>${b.by ? e(b.by) : ''}${b.clip ? `${b.by ? ' · ' : ''}<a class="clip" href="${e(encodeURI(b.clip))}">▶ Play clip</a>` : ''}</footer>` : ''}</blockquote>`;
    case 'list':
      return `<div class="list">${b.label ? `<h${b.level ?? 4}>${e(b.label)}</h${b.level ?? 4}>` : ''}<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul></div>`;
    case 'table':
      return `<table><thead><tr>${b.header.map((h, i) => `<th${b.numeric[i] ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${b.numeric[i] ? ' class="num"' : ''}>${inline(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'sentiment':
      return sentiment(b.stages);
    case 'coverage':
      return coverage(b.rows, b.counted);
    case 'contents':
      return `<nav class="contents" aria-label="Contents"><ol>${b.items.map((i) => `<li><a href="#${e(i.anchor)}">${e(i.text)}</a></li>`).join('')}</ol></nav>`;
    case 'group':
      return `<section class="${b.style}">${b.blocks.map(block).join('\n')}</section>`;
  }
}

/** Mean sentiment per stage as bars above (positive) or below (negative) a zero line. */
function sentiment(stages: readonly { title: string; mean?: number; lowest: boolean }[]): string {
  const label = stages.map((s) => `${s.title}: ${s.mean === undefined ? 'no highlights' : formatSentiment(s.mean)}${s.lowest ? ' (low point)' : ''}`).join('; ');
  const columns = stages
    .map((s) => {
      const m = s.mean ?? 0;
      const height = `${(Math.min(2, Math.abs(m)) / 2) * 100}%`;
      const bar = s.mean === undefined ? '' : `<div class="bar ${m < 0 ? 'neg' : 'pos'}${s.lowest ? ' low' : ''}" style="height:${height}"></div>`;
      return `<div class="stage"><div class="half up">${m > 0 ? bar : ''}</div><div class="half down">${m < 0 ? bar : ''}</div><div class="value">${s.mean === undefined ? '—' : e(formatSentiment(m))}</div><div class="name">${e(s.title)}</div></div>`;
    })
    .join('');
  return `<figure class="sentiment"><div class="stages" role="img" aria-label="${e(`Mean sentiment by stage, from −2 to +2. ${label}`)}" style="grid-template-columns:repeat(${stages.length},1fr)">${columns}</div><figcaption>Mean sentiment of the quotes at each stage, from −2 (very negative) to +2 (very positive).</figcaption></figure>`;
}

/** Per attribute: each value's actual share as a bar, the target as a marker. */
function coverage(rows: readonly SamplingRow[], counted: number): string {
  const attributes = [...new Set(rows.map((r) => r.attribute))];
  return `<div class="coverage">${attributes
    .map((a) => {
      const lines = rows
        .filter((r) => r.attribute === a)
        .map((r) => {
          const status = `<span class="badge ${r.status === 'under' ? 'bad' : r.status === 'over' ? 'warn' : 'good'}">${e(gapText(r))}</span>`;
          return `<div class="row"><div class="value">${e(r.value)}</div><div class="track" aria-hidden="true"><div class="actual ${r.status}" style="width:${Math.min(100, r.actual * 100).toFixed(1)}%"></div><div class="target" style="left:${Math.min(100, r.target * 100).toFixed(1)}%"></div></div><div class="figures"><div>${e(haveText(r, counted))} ${status}</div><div class="muted">target ${e(targetText(r))}, ${e(wantedText(r))}</div></div></div>`;
        })
        .join('');
      // A level below the section's h2, so no heading level is skipped.
      return `<div class="attribute"><h3>${e(a)}</h3>${lines}</div>`;
    })
    .join('')}<p class="muted legend">Bar: share of participants. Line: target.</p></div>`;
}

/** One stylesheet, inline: the page must open anywhere, e-mailed or printed, with nothing to fetch. */
export const REPORT_STYLE = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--accent:#0b5cad;--good:#1a7f37;--warn:#9a6700;--bad:#cf222e}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:52rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .75rem}
h2{font-size:1.4rem;margin:2.75rem 0 1rem;padding-bottom:.3rem;border-bottom:2px solid var(--ink)}
h3{font-size:1.1rem;margin:0 0 .5rem;line-height:1.35}
h4,.coverage h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:1rem 0 .3rem}
p{margin:.5rem 0}
.lead{font-size:1.1rem}
.muted{color:var(--muted);font-size:.92rem}
.badge{display:inline-block;font-size:.78rem;font-weight:600;padding:.05rem .5rem;border-radius:1rem;border:1px solid currentColor;white-space:nowrap}
.badge.good{color:var(--good)}.badge.warn{color:var(--warn)}.badge.bad{color:var(--bad)}.badge.neutral{color:var(--muted)}
blockquote{margin:.75rem 0;padding:.5rem 1rem;border-left:4px solid var(--accent);background:#f0f6fc}
blockquote p{margin:0;font-style:italic}
blockquote p::before{content:"\\201C"}blockquote p::after{content:"\\201D"}
blockquote footer{font-size:.85rem;color:var(--muted);margin-top:.2rem}
blockquote footer::before{content:"\\2014\\00a0"}
section{margin:1rem 0;padding:1rem 1.25rem;border:1px solid var(--line);border-radius:8px;break-inside:avoid}
section.finding{border-left:5px solid var(--accent)}
section.persona{background:var(--card)}
section.traits{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:0 1.25rem;margin:.5rem 0;padding:0;border:0}
section.low-point{border-color:var(--bad);border-left:5px solid var(--bad)}
table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.92rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;color:var(--muted);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
ul{margin:.25rem 0;padding-left:1.25rem}
.list h4{margin-top:.75rem}
nav.contents{margin:1.5rem 0;padding:.75rem 1.25rem;background:var(--card);border-radius:8px}
nav.contents ol{margin:0;padding-left:1.25rem;columns:2}
a{color:var(--accent)}
figure{margin:1rem 0}
.sentiment .stages{display:grid;gap:.5rem;align-items:stretch}
.sentiment .stage{display:flex;flex-direction:column;align-items:center;text-align:center}
.sentiment .half{height:60px;width:70%;display:flex;justify-content:center}
.sentiment .up{align-items:flex-end;border-bottom:1px solid var(--ink)}
.sentiment .down{align-items:flex-start}
.sentiment .bar{width:100%;border-radius:3px}
.sentiment .bar.pos{background:var(--good)}
.sentiment .bar.neg{background:#e8a3a8}
.sentiment .bar.low{background:var(--bad)}
.sentiment .value{font-weight:600;font-variant-numeric:tabular-nums;margin-top:.25rem}
.sentiment .name{font-size:.8rem;color:var(--muted);line-height:1.25}
figcaption{font-size:.8rem;color:var(--muted);margin-top:.5rem}
.coverage .row{display:grid;grid-template-columns:11rem 1fr 20rem;gap:.75rem;align-items:center;margin:.25rem 0;font-size:.92rem}
.coverage .track{position:relative;height:.8rem;background:var(--card);border:1px solid var(--line);border-radius:3px}
.coverage .actual{height:100%;background:var(--accent);border-radius:2px}
.coverage .actual.under{background:var(--bad)}
.coverage .actual.over{background:var(--warn)}
.coverage .target{position:absolute;top:-4px;bottom:-4px;width:2px;background:var(--ink)}
.coverage .figures{font-variant-numeric:tabular-nums}
.coverage .figures .muted{font-size:.85rem}
@media (max-width:40rem){.coverage .row{grid-template-columns:1fr}nav.contents ol{columns:1}}
@media print{
  @page{margin:16mm}
  body{font-size:11pt}
  main{max-width:none;padding:0}
  nav.contents{display:none}
  h2,h3,h4{break-after:avoid}
  section,blockquote,table,figure,.coverage .attribute{break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;
