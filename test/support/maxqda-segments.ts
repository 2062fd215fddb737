/**
 * The human grouping nobody on the project made: MAXQDA's "Coded Segments" export of the
 * PDPilot user study (../shared/fixtures/real/maxqda-pdf/, BSD-3-Clause), read from the PDFs
 * where they are. The code system (code-system.pdf) gives the hierarchy and each code's
 * frequency; the segments table (coded-segments.pdf) gives each coded passage with its
 * document and code path. Read in pdftotext's layout mode, where the table's columns stay on
 * one line: document, code path, then the passage, continued on indented lines.
 */
import { realPdfText } from './real-fixtures';

export interface CodedSegment {
  document: string;
  /** The code path, `Explainability purposes > Sensitivity analysis`. */
  code: string;
  text: string;
}

export interface CodeEntry {
  path: string;
  frequency: number;
}

/** The code system: every code's path (from its indentation) and frequency, in order. */
export function readCodeSystem(): CodeEntry[] {
  const lines = realPdfText('maxqda-pdf/code-system.pdf', { layout: true }).split('\n');
  const out: CodeEntry[] = [];
  const stack: { indent: number; name: string }[] = [];
  for (const line of lines) {
    const m = /^( +)(\S.*?)(?: {2,}.*?)?\s+(\d+)\s*$/.exec(line.replace(/\f/g, ''));
    if (!m) continue;
    const indent = m[1]!.length;
    const name = m[2]!.trim();
    if (name === 'Code System') continue;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, name });
    out.push({ path: stack.map((s) => s.name).join(' > '), frequency: Number(m[3]) });
  }
  return out;
}

/** Every coded segment of the export, in its order. */
export function readCodedSegments(codes: readonly CodeEntry[] = readCodeSystem()): CodedSegment[] {
  const lines = realPdfText('maxqda-pdf/coded-segments.pdf', { layout: true }).split('\n');
  // Longest first, so `A > B` never wins over `A > B > C` (a code runs into its text when the column is full).
  const paths = codes.map((c) => c.path).sort((a, b) => b.length - a.length);
  const out: CodedSegment[] = [];
  let open: { document: string; code: string; lines: string[] } | undefined;
  const close = () => {
    if (open)
      out.push({
        document: open.document,
        code: open.code,
        text: open.lines
          .join('\n')
          .replace(/\n{2,}/g, '\n')
          .trim(),
      });
    open = undefined;
  };
  for (const raw of lines) {
    const line = raw.replace(/\f/g, '');
    const entry = /^(P\d+) {2,}(\S.*)$/.exec(line);
    if (entry) {
      close();
      const rest = entry[2]!;
      const code = paths.find((p) => rest === p || rest.startsWith(`${p} `));
      if (!code) throw new Error(`coded-segments.pdf: no code of the code system starts "${rest.slice(0, 80)}"`);
      open = { document: entry[1]!, code, lines: [rest.slice(code.length).trim()] };
    } else if (open) open.lines.push(line.trim());
  }
  close();
  return out;
}
