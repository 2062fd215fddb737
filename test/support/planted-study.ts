/**
 * A small study with a planted structure, in memory: groups of participants who each
 * lean on their own set of tags, with some shared noise, so clustering and matrices have
 * a known right answer.
 */
import { newHighlightId } from '../../src/core/ids';
import { mulberry32 } from '../../src/core/random';
import { MemoryFileSystem } from './memory-fs';

export interface PlantedGroup {
  /** Tags this group uses most. */
  tags: string[];
  size: number;
  /** Attribute values of its members. */
  attributes?: Record<string, string>;
}

export function plantedStudy(groups: readonly PlantedGroup[], options: { highlightsPerParticipant?: number; noiseTags?: string[]; seed?: number; consent?: Record<string, string> } = {}): { fs: MemoryFileSystem; members: string[][] } {
  const random = mulberry32(options.seed ?? 11);
  const noise = options.noiseTags ?? ['context'];
  const allTags = [...new Set([...groups.flatMap((g) => g.tags), ...noise])];
  const files: Record<string, string> = {
    'research.yaml': 'name: Planted\nsources: [transcripts/**/*.md]\nattributes:\n  region: {type: enum, values: [north, south]}\n',
    'codebook.yaml': `tags:\n${allTags.map((t) => `  - id: ${t}\n    label: ${t[0]!.toUpperCase()}${t.slice(1).replace(/-/g, ' ')}\n`).join('')}`,
  };
  const members: string[][] = [];
  const participants: string[] = [];
  let n = 0;
  const taken = new Set<string>();
  for (const g of groups) {
    const group: string[] = [];
    for (let i = 0; i < g.size; i++) {
      const id = `P${String(++n).padStart(2, '0')}`;
      group.push(id);
      const attrs = Object.entries(g.attributes ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      const scope = options.consent?.[id] ?? 'verbatim';
      participants.push(`  - id: ${id}\n    attributes: {${attrs}}\n    consent: {by: participant, scope: ${scope}}\n`);
      const header = `---\nparticipant: ${id}\nkind: interview\n---\n`;
      let text = header;
      const highlights: string[] = [];
      const count = options.highlightsPerParticipant ?? 12;
      for (let h = 0; h < count; h++) {
        const own = g.tags[Math.floor(random() * g.tags.length)]!;
        const tags = random() < 0.25 ? [own, noise[Math.floor(random() * noise.length)]!] : [own];
        const quote = `${id} says thing ${h} about ${tags.join(' and ')}.`;
        const start = [...text].length;
        text += quote + '\n\n';
        const hid = newHighlightId(random, taken);
        taken.add(hid);
        highlights.push(`  - id: ${hid}\n    quote: ${quote}\n    prefix: ""\n    suffix: ""\n    start: ${start}\n    end: ${start + [...quote].length}\n    tags: [${tags.join(', ')}]\n    speaker: ${id}\n`);
      }
      files[`transcripts/${id.toLowerCase()}.md`] = text;
      files[`highlights/transcripts/${id.toLowerCase()}.md.yaml`] = `source: transcripts/${id.toLowerCase()}.md\nhighlights:\n${highlights.join('')}`;
    }
    members.push(group);
  }
  files['participants.yaml'] = `participants:\n${participants.join('')}`;
  return { fs: new MemoryFileSystem(files), members };
}
