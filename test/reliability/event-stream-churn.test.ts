// Issue 14, measured from outside and kept: sustained recording into a real `gate-kiosk serve` while event-stream
// (SSE) clients connect and disconnect all the time (some after an event, some before any, some cutting the
// connection mid-stream). Every entry is recorded and reaches a screen that stays connected; afterwards the kiosk
// process holds no more descriptors than before (/proc/PID/fd), no more live responses or sockets (counted in its
// heap through the inspector after a full collection), and no more heap beyond a bound; no listener warning.
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { readKioskLog } from '../support/kiosk-chain.ts';
import { connectInspector, fdKinds, inspectEnv, openFds, rssBytes, type Inspector } from '../support/process-probe.ts';
import { recordingClient, recordUntil, type RecordingClient } from '../support/recording-clients.ts';
import { waitFor } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { SLOW_START_MS, TEST_TIMEOUT_MS } from '../support/patience.ts';

/** The issue measured 50,000 entries with 817 streams churning; CI keeps this many entries (about 40 s here). */
const ENTRIES = 800;
const RECORDING_CLIENTS = 3;
/** Streams opened and dropped at any moment. */
const CHURNERS = 8;
/** Heap after a full collection may grow this much over the run (the log's caches), far below a leaked stream each. */
const HEAP_BOUND_BYTES = 6 * 1024 * 1024;
const RSS_BOUND_BYTES = 60 * 1024 * 1024;
/** Live responses and sockets the kiosk may hold beyond the baseline (a keep-alive connection or two closing). */
const OBJECT_SLACK = 4;
/** Idle keep-alive connections (fetch's pool) close after the host's 5 s keep-alive timeout: wait past it before
 *  calling a count high (on a loaded CI machine two were still closing after 8 s). A leak (one per stream, hundreds
 *  here) never comes down. */
const SETTLE_DEADLINE_MS = 20_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Stream {
  events: string[];
  close(how: 'destroy' | 'end'): void;
  closed: Promise<void>;
}

/** Opens /api/events on a connection of its own and collects the entries.recorded ids it is sent. */
function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: string[] = [];
    let buffer = '';
    let closedResolve: () => void;
    const closed = new Promise<void>((r) => (closedResolve = r));
    const req = http.get(`${url}api/events`, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(message)?.[1];
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (event === 'entries.recorded' && data) events.push((JSON.parse(data) as { id: string }).id);
        }
      });
      res.on('close', () => closedResolve());
      resolve({
        events,
        closed,
        close: (how) => (how === 'destroy' ? req.destroy() : res.destroy()),
      });
    });
    req.on('error', () => closedResolve());
    req.on('close', () => closedResolve());
  });
}

describe('event streams churning under sustained recording', () => {
  const data = tempDir('gate-kiosk-sse-');
  let kiosk: RunningKiosk | null = null;
  let inspector: Inspector | null = null;
  afterAll(async () => {
    inspector?.close();
    await kiosk?.stop();
    data.remove();
  });

  it(`records ${ENTRIES} entries with streams coming and going, and leaks nothing`, { timeout: TEST_TIMEOUT_MS }, async () => {
    kiosk = await startKiosk({ dataDir: data.dir, env: inspectEnv(), readyTimeoutMs: SLOW_START_MS });
    inspector = await connectInspector(kiosk.output);
    const pid = kiosk.process.pid!;
    const url = kiosk.url;
    const live = {
      responses: () => inspector!.liveObjects("process.getBuiltinModule('node:http').ServerResponse.prototype"),
      sockets: () => inspector!.liveObjects("process.getBuiltinModule('node:net').Socket.prototype"),
    };
    const screen = await openStream(url);
    const clients: RecordingClient[] = Array.from({ length: RECORDING_CLIENTS }, recordingClient);
    const recorded = () => clients.reduce((n, c) => n + c.acknowledged.size, 0);

    let opened = 0;
    let stopChurn = false;
    const churner = async (n: number) => {
      while (!stopChurn) {
        const stream = await openStream(url);
        opened += 1;
        const style = (opened + n) % 3;
        // Leave after the first entry, before any, or cut the connection mid-stream; some politely, some not.
        if (style === 0) await waitFor('an event', () => stream.events.length > 0 || stopChurn, SLOW_START_MS);
        else await new Promise((r) => setTimeout(r, style === 1 ? 5 : 40 + Math.random() * 60));
        stream.close(style === 2 ? 'destroy' : 'end');
        await stream.closed;
      }
    };

    // Warm up (the first entries, the first streams), then take the baseline with nothing but the screen open.
    let target = 100;
    const record = () => Promise.all(clients.map((c) => recordUntil(url, c, () => recorded() >= target)));
    let churners = Array.from({ length: CHURNERS }, (_, n) => churner(n));
    await record();
    stopChurn = true;
    await Promise.all(churners);
    const settle = async () => {
      // A closed stream's socket is let go as its close event runs: give the kiosk a moment, then compare.
      await new Promise((r) => setTimeout(r, 300));
    };
    await settle();
    const before = { fds: openFds(pid), kinds: fdKinds(pid), responses: await live.responses(), sockets: await live.sockets(), heap: await inspector.heapAfterGc(), rss: rssBytes(pid) };
    const openedBefore = opened;

    target = ENTRIES;
    stopChurn = false;
    const startedAt = performance.now();
    churners = Array.from({ length: CHURNERS }, (_, n) => churner(n));
    await record();
    const seconds = (performance.now() - startedAt) / 1000;
    stopChurn = true;
    await Promise.all(churners);
    await settle();
    // Under load a closing keep-alive connection can outlive the moment: read each count again until it is back
    // within the slack or the deadline passes, then judge the last reading.
    const settled = async (read: () => number | Promise<number>, bound: number) => {
      const deadline = Date.now() + SETTLE_DEADLINE_MS;
      let value = await read();
      while (value > bound && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        value = await read();
      }
      return value;
    };
    const after = {
      fds: await settled(() => openFds(pid), before.fds + OBJECT_SLACK),
      kinds: fdKinds(pid),
      responses: await settled(live.responses, before.responses + OBJECT_SLACK),
      sockets: await settled(live.sockets, before.sockets + OBJECT_SLACK),
      heap: await inspector.heapAfterGc(),
      rss: rssBytes(pid),
    };

    // Every entry recorded, once, and every one reached the screen that stayed.
    await waitFor('the screen to hear every entry', () => screen.events.length >= recorded(), SLOW_START_MS);
    const acknowledged = new Set(clients.flatMap((c) => [...c.acknowledged.values()]));
    expect(new Set(screen.events)).toEqual(acknowledged);
    expect(screen.events).toHaveLength(acknowledged.size);
    const log = readKioskLog(data.dir);
    expect(log.problems).toEqual([]);
    expect(log.entries).toBe(acknowledged.size);

    const streams = opened - openedBefore;
    expect(streams).toBeGreaterThan(CHURNERS * 10);
    expect(after.fds, `descriptors before ${JSON.stringify(before.kinds)}, after ${JSON.stringify(after.kinds)}`).toBeLessThanOrEqual(before.fds + OBJECT_SLACK);
    expect(after.responses).toBeLessThanOrEqual(before.responses + OBJECT_SLACK);
    expect(after.sockets).toBeLessThanOrEqual(before.sockets + OBJECT_SLACK);
    expect(after.heap - before.heap).toBeLessThan(HEAP_BOUND_BYTES);
    expect(after.rss - before.rss).toBeLessThan(RSS_BOUND_BYTES);
    expect(kiosk.output()).not.toMatch(/MaxListenersExceeded|memory leak/i);
    console.log(
      `event streams: ${acknowledged.size} entries recorded (${((ENTRIES - 100) / seconds).toFixed(0)}/s) and heard by the screen, ${streams} streams opened and dropped by ${CHURNERS} churners; ` +
        `fds ${before.fds} -> ${after.fds}; live responses ${before.responses} -> ${after.responses}, sockets ${before.sockets} -> ${after.sockets}; ` +
        `heap after GC ${mb(before.heap)} -> ${mb(after.heap)} (bound +${mb(HEAP_BOUND_BYTES)}); RSS ${mb(before.rss)} -> ${mb(after.rss)}`,
    );
    screen.close('end');
  });
});
