/**
 * How long each step of a change took (planned, written, saved, taken into the study…): the
 * log shows it at trace level, and the load test reads the last one to say where a tag's time goes.
 */
export class Spans {
  private last = performance.now();
  private readonly started = this.last;
  readonly steps: { step: string; ms: number }[] = [];

  constructor(readonly label: string) {}

  /** Ends the step running since the last mark. */
  mark(step: string): void {
    const now = performance.now();
    this.steps.push({ step, ms: now - this.last });
    this.last = now;
  }

  get totalMs(): number {
    return this.last - this.started;
  }

  toString(): string {
    return `${this.label}: ${this.steps.map((s) => `${s.step} ${s.ms.toFixed(1)} ms`).join(', ')} (${this.totalMs.toFixed(1)} ms)`;
  }
}
