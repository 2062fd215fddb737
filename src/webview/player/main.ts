/**
 * The recording player beside a transcript: one media element (a video element plays audio
 * too), a line saying where it is, and the controls a researcher transcribing or coding uses
 * without the mouse: Space or K play/pause, J or ← back 5 s, < and > slower and faster, T tags
 * the turn being heard. It plays only the local file the extension hands it, and reports where
 * it is a few times a second so the transcript can follow. Where the editor's media engine
 * cannot play the file, it says so and offers a conversion.
 */
import { BACK_SECONDS, nextRate, parseHostMessage, type HostMessage, type PlayerControl, type RenderedMessage, type WebviewMessage } from '../../protocol/player';
import { button, registerComponents } from '../ui/components';
import { el } from '../ui/dom';
import { hostChannel } from '../ui/host';

const { post, onMessage } = hostChannel<HostMessage, WebviewMessage | RenderedMessage>();
const root = document.getElementById('root')!;

registerComponents();

const media = el('video', 'media');
media.preload = 'auto';
media.controls = true;
const title = el('h1', 'title', 'No recording yet');
const status = el('p', 'status', '');
status.setAttribute('role', 'status');
const problem = el('div', 'problem');
problem.hidden = true;
const speed = el('span', 'speed', '1×');
const controls = el('div', 'controls', [
  button('Play / Pause', { title: 'Play or pause (Space, K)', onClick: () => control('toggle') }),
  button(`⟲ ${BACK_SECONDS} s`, { title: `Back ${BACK_SECONDS} seconds (J, ←)`, onClick: () => control('back') }),
  button('Slower', { title: 'Slower (<)', onClick: () => control('slower') }),
  speed,
  button('Faster', { title: 'Faster (>)', onClick: () => control('faster') }),
  button('Tag this turn…', { title: 'Tag the turn being heard (T)', appearance: 'primary', onClick: () => post({ type: 'tagHeard' }) }),
]);
const keys = el('p', 'keys', 'Keys: Space play/pause · J back 5 s · < > speed · T tag the turn being heard');
root.append(el('main', 'player', [title, media, controls, status, problem, keys]));

let problemText = '';
let pendingSeek: { seconds: number; play: boolean } | undefined;

function control(action: PlayerControl): void {
  if (action === 'toggle') void (media.paused ? play() : media.pause());
  else if (action === 'back') media.currentTime = Math.max(0, media.currentTime - BACK_SECONDS);
  else media.playbackRate = nextRate(media.playbackRate, action);
  report();
}

async function play(): Promise<void> {
  try {
    await media.play();
  } catch (e) {
    // Only a refused format is a problem: a play() refused for autoplay (the researcher presses Play)
    // or cut short by a pause or a new seek is not.
    if ((e as Error).name === 'NotSupportedError') showProblem(`The editor could not play this recording (${(e as Error).message}).`);
  }
}

function seek(seconds: number, andPlay: boolean): void {
  if (media.readyState < HTMLMediaElement.HAVE_METADATA) {
    pendingSeek = { seconds, play: andPlay };
    return;
  }
  media.currentTime = Math.min(seconds, Number.isFinite(media.duration) ? media.duration : seconds);
  if (andPlay) void play();
  report();
}

function showProblem(text: string): void {
  problemText = text;
  problem.replaceChildren(el('p', '', text), button('Convert with ffmpeg…', { title: 'Make an MP4 (H.264 and AAC) copy that every editor plays', onClick: () => post({ type: 'convert' }) }));
  problem.hidden = false;
  post({ type: 'cannotPlay', reason: text });
  report();
}

function clock(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${Math.floor(s / 60)}:${ss}`;
}

let lastSent = -1;
function report(): void {
  const seconds = media.currentTime;
  speed.textContent = `${media.playbackRate}×`;
  status.textContent = Number.isFinite(media.duration) ? `${clock(seconds)} of ${clock(media.duration)}${media.paused ? ' · paused' : ''}` : '';
  if (Math.abs(seconds - lastSent) >= 0.05 || media.paused) {
    lastSent = seconds;
    post({ type: 'time', seconds, playing: !media.paused && !media.ended, rate: media.playbackRate });
  }
  if (SIFT_TEST) post({ type: 'rendered', report: { title: title.textContent ?? '', seconds, playing: !media.paused, rate: media.playbackRate, problem: problemText, video: media.videoWidth > 0 } });
}

for (const event of ['timeupdate', 'play', 'pause', 'seeked', 'ratechange', 'ended'] as const) media.addEventListener(event, report);
media.addEventListener('loadedmetadata', () => {
  media.classList.toggle('audio-only', media.videoWidth === 0);
  if (pendingSeek) {
    const { seconds, play: andPlay } = pendingSeek;
    pendingSeek = undefined;
    seek(seconds, andPlay);
  } else report();
});
media.addEventListener('error', () => {
  const code = media.error?.code;
  // MEDIA_ERR_SRC_NOT_SUPPORTED (4) and MEDIA_ERR_DECODE (3): the format or a codec in it.
  const why = code === 4 || code === 3 ? 'the editor cannot play this format or one of its codecs' : (media.error?.message ?? 'it could not be read');
  showProblem(`This recording cannot be played here: ${why}. MP4 (H.264 video, AAC sound), M4A, MP3, WAV and WebM play in VS Code.`);
});

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
  const act = (action: () => void) => {
    e.preventDefault();
    action();
  };
  if (e.key === ' ' || e.key === 'k') act(() => control('toggle'));
  else if (e.key === 'j' || e.key === 'ArrowLeft') act(() => control('back'));
  else if (e.key === '>' || e.key === '.') act(() => control('faster'));
  else if (e.key === '<' || e.key === ',') act(() => control('slower'));
  else if (e.key === 't') act(() => post({ type: 'tagHeard' }));
});

onMessage((raw) => {
  const message = parseHostMessage(raw);
  if (!message) return;
  if (message.type === 'load') {
    title.textContent = message.title;
    problemText = '';
    problem.hidden = true;
    if (message.mime && media.canPlayType(message.mime) === '') {
      showProblem(`This editor cannot play ${message.mime} recordings. MP4 (H.264 video, AAC sound), M4A, MP3, WAV and WebM play in VS Code.`);
      return;
    }
    if (media.getAttribute('src') !== message.src) {
      media.src = message.src;
      media.load();
    }
  } else if (message.type === 'seek') seek(message.seconds, message.play);
  else control(message.control);
});
post({ type: 'ready' });
