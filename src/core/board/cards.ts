/**
 * The board's cards: one per highlight, in transcript path order then text order. An index
 * derived from the study and owned by the study service (src/core/workspace/derived.ts): made
 * once, then after Sift's own write only the cards of the files it touched are made again,
 * so a tag with the board open costs that file, not 200,000 new cards.
 */
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import { PerFileMap, type DerivedIndex, type FileChange } from '../workspace/derived';
import type { HighlightsFile } from '../model';
import type { CardView } from '../../protocol/board';

/** A highlight as a card: exactly what the board's messages carry (src/protocol/board.ts). */
export type BoardCard = CardView;

export type BoardCards = PerFileMap<BoardCard>;

export const boardCards: DerivedIndex<BoardCards> = {
  name: 'the board’s cards',
  build(study) {
    const cardsOf = fileCards(study);
    return PerFileMap.of(
      cardId,
      filesInOrder(study).map((file) => [file.path, cardsOf(file)] as const),
    );
  },
  async buildInSlices(study, pause) {
    const cardsOf = fileCards(study);
    const cards = PerFileMap.builder(cardId);
    for (const file of filesInOrder(study)) {
      cards.add(file.path, cardsOf(file));
      await pause();
    }
    return cards.build();
  },
  update(index, study, changes) {
    if (changes.length === 0) return index;
    const cardsOf = fileCards(study);
    // A file that came or went moves the others' places in the order; else the order stands.
    const same = changes.every((c: FileChange) => c.before && c.after && c.before.source === c.after.source);
    const order = same ? index.files : filesInOrder(study).map((f) => f.path);
    return index.with(
      changes.map((c) => [c.path, c.after && cardsOf(c.after)] as const),
      order,
    );
  },
};

const cardId = (card: BoardCard): string => card.id;
/** The attributes of a card without a participant: one empty record for all of them. */
const NO_ATTRIBUTES: BoardCard['attributes'] = {};

/** The highlights files by their transcript's path, so the cards do not move between loads. */
function filesInOrder(study: Workspace): HighlightsFile[] {
  return [...study.highlightFiles.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** The cards of one highlights file, with one attributes record per participant, not one per card. */
function fileCards(study: Workspace): (file: HighlightsFile) => BoardCard[] {
  const attributesOf = new Map(study.participants.map((p) => [p.id, Object.fromEntries(Object.entries(p.attributes).map(([k, v]) => [k, String(v)]))]));
  return (file) =>
    file.highlights.map((h) => {
      const participant = participantOfHighlight(study, file.source, h.speaker);
      return {
        id: h.id,
        quote: h.quote,
        ...(h.note ? { note: h.note } : {}),
        source: file.source,
        ...(participant ? { participant } : {}),
        attributes: (participant && attributesOf.get(participant)) || NO_ATTRIBUTES,
        tags: h.tags,
        ...(h.time ? { time: h.time } : {}),
        anchored: study.anchoring.get(h.id)?.state !== 'orphaned',
      };
    });
}
