/**
 * Colours for new tags. Tag colours appear as chips, gutter marks and highlight tints on
 * both light and dark editor themes, so every colour here is a mid-tone with at least 3:1
 * contrast (WCAG's bar for non-text marks) against white and against VS Code's dark
 * editor background (#1e1e1e); test/unit/codebook.test.ts checks that. Neighbours differ
 * in hue so tags added one after another are easy to tell apart.
 */
export const TAG_PALETTE: readonly string[] = [
  '#4f7fd6', // blue
  '#d9534f', // red
  '#2f9e6e', // green
  '#c27c0e', // amber
  '#8a63d2', // purple
  '#1f9bb0', // cyan
  '#d1477a', // pink
  '#6f8f2a', // olive
  '#b0652b', // brown
  '#5c6bc0', // indigo
  '#b05cc6', // magenta
  '#7d8590', // slate
];

export const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The first palette colour no tag uses yet; once all are taken, the least used one (the
 * earliest on a tie), so a large codebook still spreads its colours evenly.
 */
export function nextTagColor(used: Iterable<string | undefined>): string {
  const counts = new Map(TAG_PALETTE.map((c) => [c, 0]));
  for (const color of used) {
    const c = color?.toLowerCase();
    if (c && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = TAG_PALETTE[0]!;
  for (const c of TAG_PALETTE) if (counts.get(c)! < counts.get(best)!) best = c;
  return best;
}
