/**
 * `sift init`: a new, empty research workspace. It asks nothing and overwrites nothing:
 * if any file it would create exists, it creates none.
 */
import type { IFileSystem } from './ports';
import { EditPlan, type EditResult } from './store/plan';
import { RESEARCH_FILE } from './workspace/workspace';
import { DEFAULT_SOURCES } from './model';

export async function initWorkspace(fs: IFileSystem, name: string): Promise<EditResult> {
  const plan = new EditPlan(fs, undefined);
  await plan.create(
    'research',
    RESEARCH_FILE,
    {
      name,
      sources: DEFAULT_SOURCES,
      attributes: { 'age-band': { type: 'enum', values: ['18-34', '35-64', '65+'] }, channel: { type: 'enum', values: ['phone', 'online', 'face-to-face'] } },
      sampling: {},
    },
    ' A Sift research workspace. Transcripts go in transcripts/; Sift keeps the analysis beside them.',
  );
  await plan.create(
    'codebook',
    'codebook.yaml',
    {
      tags: [
        { id: 'pain-points', label: 'Pain points', description: 'Something that goes wrong, hurts or frustrates.', color: '#d73a49' },
        { id: 'needs', label: 'Needs', description: 'What the participant is trying to achieve.', color: '#0366d6' },
        { id: 'workarounds', label: 'Workarounds', description: 'What people do to get around a problem.', color: '#e36209' },
        { id: 'positive', label: 'Positive moments', description: 'What works well and should be kept.', color: '#28a745' },
      ],
    },
    ' The codebook: one entry per tag. Give each a description that says when to apply it.',
  );
  await plan.create('participants', 'participants.yaml', { participants: [] }, ' Participants: an id (as used in transcripts), attributes from research.yaml, consent.');
  for (const folder of ['transcripts', 'highlights', 'themes', 'insights', 'personas', 'journeys']) await plan.createText(`${folder}/.gitkeep`, '');
  // An existing .gitignore is the team's; it is left alone (the cache folder is harmless if committed by mistake).
  if (!(await fs.stat('.gitignore'))) await plan.createText('.gitignore', `# Sift: local cache and private keys never go into git\n.sift/cache/\n.sift/private/\n${RECORDINGS_IGNORED}`);
  const result = plan.result();
  // All or nothing: a half-initialised folder is worse than a clear refusal.
  return result.problems.length > 0 ? { edits: [], problems: result.problems } : result;
}

/**
 * Recordings stay out of git: they are large (an hour of video is gigabytes, which git copies
 * into every clone forever) and they show faces and voices, which a study's consent rarely
 * lets travel as freely as its coding. Share them as the study's data-handling plan says
 * (a shared drive, or Git LFS: see the README), and Sift links them by path.
 */
export const RECORDINGS_IGNORED = '# Sift: recordings stay out of git (see the README)\n*.mp4\n*.mov\n*.webm\n*.m4a\n*.mp3\n*.wav\n*.ogg\n.sift/clips/\n';
