// At most `concurrency` secret checks at once, the kiosk's own screen first. Forty sign-ins from the network then
// wait in line (or are told to try again) instead of taking every core from the gate: a scan is answered on the main
// thread, scrypt runs beside it on the thread pool, and one core stays free for the gate on a two-core kiosk PC.
// Checks from elsewhere also rest between them (a duty cycle): scrypt is 32 MiB of memory traffic a check, and a
// stream of them slows the gate's thread through the shared cache and memory bus even on a free core.
import os from 'node:os';
import { GateError } from '../../../common/contract/errors.ts';

export interface HashQueueOptions {
  concurrency?: number;
  /** Checks from elsewhere that may wait; more are refused at once (the kiosk's own screen is always queued). */
  maxWaiting?: number;
  /** The share of time checks from elsewhere may hash (1: back to back); the kiosk's own screen never waits for it. */
  remoteDutyCycle?: number;
}

export function defaultHashConcurrency(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export function createHashQueue(options: HashQueueOptions = {}) {
  const concurrency = options.concurrency ?? defaultHashConcurrency();
  const maxWaiting = options.maxWaiting ?? 32;
  const duty = Math.min(1, Math.max(0.05, options.remoteDutyCycle ?? 0.5));
  const urgent: Array<() => void> = [];
  const normal: Array<() => void> = [];
  let running = 0;
  // A check from elsewhere starts no earlier than this (performance.now()), after the last one's rest.
  let remoteNotBefore = 0;
  let wake: ReturnType<typeof setTimeout> | null = null;

  function next(): void {
    while (running < concurrency) {
      if (urgent.length === 0 && normal.length > 0) {
        const restMs = remoteNotBefore - performance.now();
        if (restMs > 0) {
          wake ??= setTimeout(() => {
            wake = null;
            next();
          }, restMs);
          return;
        }
      }
      const start = urgent.shift() ?? normal.shift();
      if (!start) return;
      running += 1;
      start();
    }
  }

  return {
    /** Runs job when a slot is free; `local` (the kiosk's own screen) goes ahead of every caller from elsewhere. */
    run<T>(job: () => Promise<T>, local: boolean): Promise<T> {
      if (!local && normal.length >= maxWaiting) {
        return Promise.reject(new GateError('unavailable', 'Too many sign-ins are being checked at once. Wait a few seconds, then try again.', { key: 'hashing-busy' }));
      }
      return new Promise<T>((resolve, reject) => {
        let startedAt = 0;
        // The slot is free before the caller hears the answer, so what it does next can use it.
        const done = () => {
          running -= 1;
          if (!local) remoteNotBefore = Math.max(remoteNotBefore, performance.now() + (performance.now() - startedAt) * (1 / duty - 1));
          next();
        };
        (local ? urgent : normal).push(() => {
          startedAt = performance.now();
          job().then(
            (value) => (done(), resolve(value)),
            (error: unknown) => (done(), reject(error)),
          );
        });
        next();
      });
    },
    stats: () => ({ running, waiting: urgent.length + normal.length, concurrency }),
  };
}
export type HashQueue = ReturnType<typeof createHashQueue>;
