/**
 * The message contract between the extension and the recording player beside a transcript.
 * The extension sends the recording to play (`load`: a webview URI of a local file), where to
 * play from (`seek`) and keyboard commands given in the editor (`control`); the player reports
 * where it is (`time`, a few times a second while playing, and on every seek or pause), that
 * the editor cannot play the file (`cannotPlay`), and the researcher's keys pressed inside it
 * (`tagHeard`: tag the turn being heard). In the test build it also says what it shows.
 */
import './test-build';
import { isBoolean, isString, lazyCheck, messageParser, oneOf, shape, type Check } from './validate';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';

export type PlayerControl = 'toggle' | 'back' | 'faster' | 'slower';

export type HostMessage =
  /** `src` is a webview URI; `type` the MIME type its extension says; `title` names transcript and recording. */
  { type: 'load'; src: string; mime: string; title: string } | { type: 'seek'; seconds: number; play: boolean } | { type: 'control'; control: PlayerControl };

export type WebviewMessage =
  | { type: 'ready' }
  /** Where playback is, in seconds; `playing` false once paused or ended. */
  | { type: 'time'; seconds: number; playing: boolean; rate: number }
  /** The editor's own media engine refused the file: `reason` says what it said. */
  | { type: 'cannotPlay'; reason: string }
  | { type: 'tagHeard' }
  /** Offer to convert the recording to a format every editor plays (ffmpeg). */
  | { type: 'convert' };

/** What the player shows, for the integration tests (test build only). */
export interface RenderedPlayer {
  /** The recording loaded, as its title says. */
  title: string;
  seconds: number;
  playing: boolean;
  rate: number;
  /** The message shown when the file cannot be played, or empty. */
  problem: string;
  /** Whether the media element has a picture (a video) or only sound. */
  video: boolean;
}

export type RenderedMessage = { type: 'rendered'; report: RenderedPlayer };

const isSeconds: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e7;
const isRate: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 16;

const isReport: Check = /* @__PURE__ */ lazyCheck(() => shape({ title: isString, seconds: isSeconds, playing: isBoolean, rate: isRate, problem: isString, video: isBoolean }));

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: {},
  time: { seconds: isSeconds, playing: isBoolean, rate: isRate },
  cannotPlay: { reason: isString },
  tagHeard: {},
  convert: {},
};

/** The message if it is one the player may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);

const HOST: { [K in HostMessage['type']]: Record<string, Check> } = {
  load: { src: isString, mime: isString, title: isString },
  seek: { seconds: isSeconds, play: isBoolean },
  control: { control: oneOf('toggle', 'back', 'faster', 'slower') },
};

/** The message if it is one the extension may send, else undefined (the player checks what it is told too). */
export const parseHostMessage = messageParser<HostMessage>(HOST);

/** Playback speeds offered, in order: `faster` and `slower` step through them. */
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export function nextRate(rate: number, control: 'faster' | 'slower'): number {
  const at = RATES.findIndex((r) => r >= rate - 1e-9);
  const i = at < 0 ? RATES.length - 1 : at;
  return RATES[Math.max(0, Math.min(RATES.length - 1, control === 'faster' ? i + 1 : i - 1))]!;
}

/** Seconds `back` goes back. */
export const BACK_SECONDS = 5;
