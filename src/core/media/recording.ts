/**
 * Which recording belongs to a transcript. A researcher links one in three ways, tried in order:
 * 1. front matter `media: recordings/p06.m4a`, relative to the transcript's folder like any
 *    Markdown link (and, like a scanned page, a file inside the study: Sift reads nothing outside it);
 * 2. a recording beside the transcript with the same base name (`p06.md` ↔ `p06.mp4`);
 * 3. for an imported caption file, a recording beside the original the import kept
 *    (`source: originals/calls/p06.srt` ↔ `originals/calls/p06.m4a`), so captions keep their link.
 * A missing recording is a warning, never an error: recordings are large and kept out of git,
 * so a colleague's clone normally has the transcript without it, and every other thing Sift
 * does with the transcript still works.
 */
import type { Transcript } from '../model';
import { problem, type Problem } from '../problems';
import { resolveInside } from '../transcripts/page-scans';
import type { Workspace } from '../workspace/workspace';

/** The formats researchers record in, as file extensions, with the MIME type a player asks about. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
};

/** Extensions tried beside a transcript, in this order (video first: it shows more). */
const BESIDE = ['mp4', 'webm', 'm4a', 'mp3', 'wav', 'mov', 'ogg'];

export type LinkedBy = 'front-matter' | 'beside' | 'caption';

export interface RecordingLink {
  /** Workspace-relative path of the recording. */
  path: string;
  by: LinkedBy;
  /** The MIME type its extension says. */
  type: string;
}

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isMediaPath(path: string): boolean {
  return extensionOf(path) in MEDIA_TYPES;
}

function withoutExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

function beside(path: string): string[] {
  const base = withoutExtension(path);
  return BESIDE.map((ext) => `${base}.${ext}`);
}

function link(path: string, by: LinkedBy): RecordingLink {
  return { path, by, type: MEDIA_TYPES[extensionOf(path)] ?? 'application/octet-stream' };
}

/**
 * Where a transcript's recording may be, in the order they are tried: only the file `media:`
 * names when it names one (the researcher said which file: a different one beside it is not
 * taken instead), else the recordings beside it, else those beside its caption original.
 */
export function recordingCandidates(transcript: Pick<Transcript, 'path' | 'meta'>): RecordingLink[] {
  if (transcript.meta.media !== undefined) {
    const path = resolveInside(transcript.path, transcript.meta.media);
    return path === undefined ? [] : [link(path, 'front-matter')];
  }
  const source = transcript.meta.source;
  const original = source !== undefined && source.includes('/') ? beside(source).map((p) => link(p, 'caption')) : [];
  return [...beside(transcript.path).map((p) => link(p, 'beside')), ...original];
}

/** The recording of a transcript, when one is linked and exists; `exists` answers from the study's file listing. */
export function recordingOf(transcript: Pick<Transcript, 'path' | 'meta'>, exists: (path: string) => boolean): RecordingLink | undefined {
  return recordingCandidates(transcript).find((c) => exists(c.path));
}

/**
 * A `media:` key naming no recording in the study (a file not there, or a path outside it), at
 * its place in the front matter: a warning only. Kept short: every load of the editor runs it.
 */
export function mediaProblems(ws: Workspace, exists: (path: string) => boolean): Problem[] {
  return [...ws.transcripts.values()].flatMap((t) => {
    const written = t.meta.media;
    const path = written === undefined ? '' : resolveInside(t.path, written);
    return path === '' || (path && exists(path))
      ? []
      : [problem(t.path, t.places?.media ?? { line: 2, column: 1 }, 'warning', 'missing-recording', `The recording ${path ?? written} is not in the study (recordings stay out of git): copy it there, or correct the path.`)];
  });
}
