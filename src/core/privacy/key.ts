/**
 * The private key file (default `.sift/private/keys.yaml`, git-ignored): participants'
 * real names, the pseudonym each original was given (so the same person is `[Name-3]` in
 * every transcript, run after run), and where each replacement was made, so that
 * `sift redact --reverse` restores the exact text. It never goes into git.
 */
import { parse, stringify } from 'yaml';
import { problem, type Problem } from '../problems';

export interface Replacement {
  /** Code-point offset of the pseudonym in the redacted text. */
  at: number;
  pseudonym: string;
  original: string;
}

export interface ValueReplacement {
  original: string;
  redacted: string;
  /** The YAML scalar style the original was written in (`PLAIN`, `QUOTE_DOUBLE` …), restored with it. */
  style?: string;
}

export interface PrivacyKey {
  /** Real names of participants, by id: each is replaced by the id (`[P07]`). */
  participants: Record<string, string[]>;
  /** The pseudonym given to each original (names, addresses). */
  pseudonyms: Record<string, string>;
  /**
   * Per file: in a transcript, the replacements made, in position order; in a YAML file, each
   * prose value changed, whole, before and after.
   */
  files: Record<string, { replacements: Replacement[]; values?: ValueReplacement[] }>;
}

export function emptyKey(): PrivacyKey {
  return { participants: {}, pseudonyms: {}, files: {} };
}

/** Reads a key file; a malformed one is a problem, never silently replaced. */
export function parseKey(path: string, text: string): { key: PrivacyKey | undefined; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 0 }) ?? {};
  } catch (e) {
    return { key: undefined, problems: [problem(path, undefined, 'error', 'bad-key-file', `The key file ${path} is not valid YAML (${(e as Error).message.split('\n')[0]}); fix it by hand, Sift will not overwrite it.`)] };
  }
  const r = raw as Partial<Record<keyof PrivacyKey, unknown>>;
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(r) || (r.participants !== undefined && !isRecord(r.participants)) || (r.pseudonyms !== undefined && !isRecord(r.pseudonyms)) || (r.files !== undefined && !isRecord(r.files)))
    return { key: undefined, problems: [problem(path, undefined, 'error', 'bad-key-file', `The key file ${path} does not have the shape Sift writes (participants, pseudonyms, files); fix it by hand.`)] };
  const participants: Record<string, string[]> = {};
  for (const [id, names] of Object.entries(r.participants ?? {})) participants[id] = (Array.isArray(names) ? names : [names]).map(String);
  const pseudonyms: Record<string, string> = {};
  for (const [original, pseudonym] of Object.entries(r.pseudonyms ?? {})) pseudonyms[original] = String(pseudonym);
  const files: PrivacyKey['files'] = {};
  for (const [file, entry] of Object.entries(r.files ?? {})) {
    const list = isRecord(entry) && Array.isArray(entry.replacements) ? entry.replacements : [];
    const values = isRecord(entry) && Array.isArray(entry.values) ? entry.values : [];
    files[file] = {
      replacements: list.map((x: Record<string, unknown>) => ({ at: Number(x.at), pseudonym: String(x.pseudonym), original: String(x.original) })),
      ...(values.length > 0 ? { values: values.map((x: Record<string, unknown>) => ({ original: String(x.original), redacted: String(x.redacted), ...(typeof x.style === 'string' ? { style: x.style } : {}) })) } : {}),
    };
  }
  return { key: { participants, pseudonyms, files }, problems: [] };
}

const HEADER = `# Sift pseudonymisation key. PRIVATE: it holds the real names and details that
# \`sift redact\` replaced. Never commit it or share it with the analysis; keep it where
# only people allowed to see the originals can read it. \`sift redact --reverse\` uses it.
#
# participants: real names of participants by id (you add them); each becomes [P07].
# pseudonyms:   the pseudonym each original was given, reused in every transcript.
# files:        where each replacement was made (in YAML files: the values before and
#               after), to restore the exact text.
`;

export function renderKey(key: PrivacyKey): string {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const files = Object.fromEntries(Object.entries(sorted(key.files)).filter(([, f]) => f.replacements.length > 0 || (f.values?.length ?? 0) > 0));
  return HEADER + stringify({ participants: sorted(key.participants), pseudonyms: sorted(key.pseudonyms), files }, { lineWidth: 0 });
}

/** The team's names list: one name per line; blank lines and `#` comments ignored. */
export function parseNamesList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}
