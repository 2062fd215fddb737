/**
 * The data-loss report REFI-QDA asks for (standard §7): at import and at export, say
 * which elements were discarded or only approximated, and how many.
 */
export interface Loss {
  /** What was lost, e.g. `themes` or `PDFSource`. */
  what: string;
  count: number;
  /** A sentence saying what became of it. */
  note: string;
}

/** Collects losses by kind, counting repeats, in the order first seen. */
export class LossReport {
  private readonly byWhat = new Map<string, Loss>();

  add(what: string, note: string, count = 1): void {
    if (count <= 0) return;
    const known = this.byWhat.get(what);
    if (known) known.count += count;
    else this.byWhat.set(what, { what, count, note });
  }

  list(): Loss[] {
    return [...this.byWhat.values()];
  }
}

export function formatLoss(loss: Loss): string {
  return `${loss.what} (${loss.count}): ${loss.note}`;
}
