/**
 * Problems are how the core reports bad input: as values, never as exceptions, so a
 * caller can show all of them at once (CLI, Problems panel) and nothing is written.
 * Lines and columns are 1-based, as editors and compilers print them.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Workspace-relative path with forward slashes. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `unknown-tag`. */
  readonly code: string;
  /** A sentence a researcher understands. */
  readonly message: string;
  /** Text that would put it right at its place (line to end), best first: the editor's quick fixes. */
  readonly fixes?: readonly string[];
}

export function problem(path: string, at: { line: number; column: number; endLine?: number; endColumn?: number } | undefined, severity: Severity, code: string, message: string, fixes?: string[]): Problem {
  return { path, line: at?.line ?? 1, column: at?.column ?? 1, ...(at?.endLine ? { endLine: at.endLine, endColumn: at.endColumn } : {}), severity, code, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** A problem as a line: `file:line:column: severity: message [code]`, or a GitHub Actions annotation. */
export function formatProblem(p: Problem, format: 'text' | 'github', root = ''): string {
  if (format === 'github') {
    const level = p.severity === 'info' ? 'notice' : p.severity;
    const file = root ? `${root.replace(/\/$/, '')}/${p.path}` : p.path;
    return `::${level} file=${escapeProperty(file)},line=${p.line},col=${p.column},title=${escapeProperty(`sift ${p.code}`)}::${escapeData(p.message)}`;
  }
  return `${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
