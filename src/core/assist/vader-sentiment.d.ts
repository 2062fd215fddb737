/** The parts of `vader-sentiment` (no types of its own) that src/core/assist/sentiment.ts walks. */
declare module 'vader-sentiment' {
  interface SentiTextLike {
    words_and_emoticons: string[];
    is_cap_diff: boolean;
  }
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
    sentiment_valence(valence: number, sentiText: SentiTextLike, item: string, index: number, sentiments: number[]): number[];
    but_check(words: string[], sentiments: number[]): number[];
    score_valence(sentiments: number[], text: string): { neg: number; neu: number; pos: number; compound: number };
  };
}
