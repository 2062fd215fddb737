/**
 * The extension host's slicing of long work: a pause returns to the event loop now and
 * then, and work that a newer run superseded stops at its next pause instead of running on
 * (holding an old study in memory and the host's time).
 */
import * as assert from 'node:assert/strict';
import { hostSlicer, inForeground, noteActivity, ACTIVITY_PAUSE_MS, unlessSuperseded, yieldInBackground } from '../../src/extension/host/slices';

/** Busy work in small steps, each followed by a pause; returns how many steps ran. */
async function steps(total: number, pause: () => Promise<void>, ran: { count: number }): Promise<number> {
  for (let i = 0; i < total; i++) {
    const until = Date.now() + 2;
    while (Date.now() < until) {
      /* a step of work */
    }
    ran.count++;
    await pause();
  }
  return ran.count;
}

describe('host slices', () => {
  it('returns to the event loop during long work', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await steps(60, hostSlicer(), { count: 0 });
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 2, `a timer ran ${ticks} times during 120 ms of sliced work`);
  });

  it('shares one slice among the jobs resumed in one turn of the event loop, each still moving on', async () => {
    // Each turn of the event loop ends in its check phase (setImmediate): count the steps of work between two.
    const perTurn: number[] = [0];
    let running = true;
    const turn = () => {
      perTurn.push(0);
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    const counted = (pause: () => Promise<void>) => async () => {
      perTurn[perTurn.length - 1]!++;
      await pause();
    };
    const a = { count: 0 };
    const b = { count: 0 };
    const c = { count: 0 };
    try {
      await Promise.all([steps(40, counted(hostSlicer()), a), steps(40, counted(hostSlicer()), b), steps(40, counted(hostSlicer()), c)]);
    } finally {
      running = false;
    }
    // 2 ms steps, a 20 ms slice: the first job resumed in a turn works its slice, each other one does a step.
    // Each counting its own 20 ms, three jobs made turns of ~30 steps (60 ms blocked).
    const most = Math.max(...perTurn);
    assert.ok(most <= 10 + 3, `at most ${most} steps of work in one turn of the event loop (${perTurn.filter((n) => n > 0).join(' ')})`);
    assert.deepEqual([a.count, b.count, c.count], [40, 40, 40]);
  });

  it('stops superseded work at its next pause, and says so as undefined', async () => {
    let generation = 1;
    const mine = generation;
    const ran = { count: 0 };
    setTimeout(() => generation++, 30);
    const result = await unlessSuperseded(
      steps(
        500,
        hostSlicer(() => mine === generation),
        ran,
      ),
    );
    assert.equal(result, undefined);
    assert.ok(ran.count > 0 && ran.count < 500, `${ran.count} of 500 steps ran`);
  });

  it('finishes work that stays wanted, and lets other failures through', async () => {
    assert.equal(
      await unlessSuperseded(
        steps(
          20,
          hostSlicer(() => true),
          { count: 0 },
        ),
      ),
      20,
    );
    await assert.rejects(unlessSuperseded(Promise.reject(new Error('disk gone'))), /disk gone/);
  });

  it('holds background work back while a change is in flight, and lets it go once every change has ended', async () => {
    const order: string[] = [];
    const timer = () => new Promise((resolve) => setTimeout(resolve, 5));
    let background: Promise<void> | undefined;
    const second = inForeground(async () => {
      await timer();
      order.push('second change done');
    });
    await inForeground(async () => {
      background = yieldInBackground().then(() => void order.push('background went on'));
      // Several returns to the event loop: each would have let the background work run.
      for (let i = 0; i < 5; i++) await timer();
      order.push('first change done');
    });
    await second;
    await background;
    assert.deepEqual(order, ['second change done', 'first change done', 'background went on']);
    // With no change in flight, a background pause only returns to the event loop.
    await yieldInBackground();
  });

  it('holds background work back while the researcher types, and lets it go after a pause in the typing', async () => {
    const order: string[] = [];
    noteActivity();
    const background = yieldInBackground().then(() => void order.push('background went on'));
    // Keys 50 ms apart for a while (each closer to the last than the pause background work waits for).
    let lastKey = Date.now();
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      noteActivity();
      lastKey = Date.now();
      order.push(`key ${i}`);
    }
    await background;
    const waited = Date.now() - lastKey;
    assert.deepEqual(order, ['key 0', 'key 1', 'key 2', 'key 3', 'key 4', 'key 5', 'background went on']);
    // Timers may fire a millisecond early; never much before the pause has passed.
    assert.ok(waited >= ACTIVITY_PAUSE_MS - 5, `background work went on ${waited} ms after the last key`);
  });

  it('never starves background work while the typing goes on', async () => {
    let typing = true;
    const keys = (async () => {
      while (typing) {
        noteActivity();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await yieldInBackground(); // resolves at the latest after the longest give-way, though the keys never pause
    typing = false;
    await keys;
  });
});
