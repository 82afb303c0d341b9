// At most N secret checks at once, the kiosk's own screen first, and callers from elsewhere told to retry when full.
import { describe, expect, it } from 'vitest';
import { createHashQueue } from '../../../../src/kiosk/features/accounts/hash-queue.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('hash queue', () => {
  it('runs at most `concurrency` jobs, and a local job before every waiting remote one', async () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 10 });
    const order: string[] = [];
    const first = gate();
    const job = (name: string, wait?: Promise<void>) => async () => {
      order.push(`start ${name}`);
      await wait;
      order.push(`end ${name}`);
      return name;
    };
    const runs = [queue.run(job('remote-1', first.opened), false), queue.run(job('remote-2'), false), queue.run(job('remote-3'), false), queue.run(job('kiosk'), true)];
    expect(queue.stats()).toEqual({ running: 1, waiting: 3, concurrency: 1 });
    first.open();
    expect(await Promise.all(runs)).toEqual(['remote-1', 'remote-2', 'remote-3', 'kiosk']);
    expect(order).toEqual(['start remote-1', 'end remote-1', 'start kiosk', 'end kiosk', 'start remote-2', 'end remote-2', 'start remote-3', 'end remote-3']);
  });

  it('refuses a remote job when too many wait, never a local one, and frees its slot when a job fails', async () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 2 });
    const hold = gate();
    const running = queue.run(() => hold.opened, false);
    const waiting = [queue.run(async () => 1, false), queue.run(async () => 2, false)];
    await expect(queue.run(async () => 3, false)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/try again/) });
    const local = queue.run(async () => 'kiosk', true);
    hold.open();
    await running;
    expect(await Promise.all([local, ...waiting])).toEqual(['kiosk', 1, 2]);
    await expect(queue.run(async () => Promise.reject(new Error('boom')), false)).rejects.toThrow('boom');
    expect(await queue.run(async () => 'still works', false)).toBe('still works');
    expect(queue.stats().running).toBe(0);
  });

  it('rests between checks from elsewhere, never before the kiosk’s own', async () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 10, remoteDutyCycle: 0.5 });
    const hold = gate();
    const first = queue.run(async () => {
      // Hash "for a while": the next remote check rests about as long.
      const until = performance.now() + 30;
      while (performance.now() < until);
      await hold.opened;
    }, false);
    const second = queue.run(async () => 'remote', false);
    hold.open();
    await first;
    // The first is done, yet the second rests: nothing runs, it waits.
    expect(queue.stats()).toMatchObject({ running: 0, waiting: 1 });
    // The kiosk's own screen does not rest.
    let localStarted = false;
    const local = queue.run(async () => ((localStarted = true), 'kiosk'), true);
    expect(localStarted).toBe(true);
    expect(await local).toBe('kiosk');
    expect(await second).toBe('remote');
  });
});
