/**
 * The sentiment line across the stages: the mean sentiment of each stage on a −2 … +2
 * scale with the zero line, the low point(s) marked so they are seen at a glance, dips
 * (stages below zero no higher than their neighbours) marked more quietly. Drawn in SVG
 * at the same x as the stage columns below it. Built with DOM calls and textContent only.
 */
import { signed, type StageView } from '../../protocol/journey';
import type { Layout } from './layout';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 168;
const TOP = 26;
const BOTTOM = 30;

/** y of a sentiment value. */
function y(value: number): number {
  return TOP + ((2 - value) / 4) * (HEIGHT - TOP - BOTTOM);
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (className) el.setAttribute('class', className);
  return el;
}

function text(x: number, yy: number, content: string, className: string, anchor = 'middle'): SVGTextElement {
  const t = node('text', { x, y: yy, 'text-anchor': anchor }, className);
  t.textContent = content;
  return t;
}

export function sentimentChart(stages: readonly StageView[], layout: Layout): SVGSVGElement {
  const width = layout.width;
  const svg = node('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img' }, 'chart');
  const low = stages.filter((s) => s.lowest);
  const title = node('title', {});
  title.textContent = `Mean sentiment per stage, from −2 to +2: ${stages.map((s) => `${s.title} ${s.mean === undefined ? 'no quotes' : s.meanText}`).join('; ')}.${low.length ? ` Low point: ${low.map((s) => s.title).join(' and ')}.` : ''}`;
  svg.append(title);
  svg.setAttribute('aria-label', title.textContent);

  // The scale: a band below zero, grid lines at each whole value, the zero line stronger.
  const right = width - 8;
  svg.append(node('rect', { x: layout.left(0) - 12, y: y(0), width: right - layout.left(0) + 12, height: y(-2) - y(0) + 6 }, 'negative-band'));
  for (const v of [2, 1, 0, -1, -2]) {
    svg.append(node('line', { x1: layout.left(0) - 12, x2: right, y1: y(v), y2: y(v) }, v === 0 ? 'zero' : 'grid'));
    svg.append(text(layout.left(0) - 18, y(v) + 4, signed(v), 'axis', 'end'));
  }

  // The line, broken where a stage has no quotes yet.
  const points = stages.map((s, i) => (s.mean === undefined ? undefined : { x: layout.center(i), y: y(s.mean), stage: s, last: i === stages.length - 1 }));
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) pen = false;
    else {
      d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
      pen = true;
    }
  }
  svg.append(node('path', { d }, 'line'));

  for (const p of points) {
    if (!p) continue;
    const s = p.stage;
    const kind = s.lowest ? 'low' : s.dip ? 'dip' : s.mean! > 0 ? 'up' : s.mean! < 0 ? 'down' : 'flat';
    const g = node('g', { 'data-stage': s.id }, `point ${kind}`);
    if (s.lowest) {
      g.append(node('line', { x1: p.x, x2: p.x, y1: p.y + 10, y2: HEIGHT }, 'low-guide'));
      g.append(node('circle', { cx: p.x, cy: p.y, r: 12 }, 'halo'));
    }
    g.append(node('circle', { cx: p.x, cy: p.y, r: s.lowest ? 7 : 5 }, 'dot'));
    const above = s.mean! < 1.5;
    g.append(text(p.x, above ? p.y - (s.lowest ? 17 : 11) : p.y + 20, s.meanText ?? '', 'value'));
    // Beside the point, on the side with room (the last column has none to its right).
    if (s.lowest) g.append(text(p.last ? p.x - 17 : p.x + 17, p.y + 5, 'Low point', 'low-label', p.last ? 'end' : 'start'));
    svg.append(g);
  }
  return svg;
}

export const CHART_HEIGHT = HEIGHT;
