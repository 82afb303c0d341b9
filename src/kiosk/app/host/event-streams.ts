// Server-sent events to every screen, each stream tied to the session that opened it: when that session ends
// (signed out, timed out, secret or role changed, account switched off) its streams are closed at once.
import type http from 'node:http';
import type { User } from '../../../common/contract/console.ts';
import type { EventName } from '../../../common/contract/events.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';

export interface HostSessions {
  /** The account behind a token, or null; never extends the session (an open stream must not keep it alive). */
  peek(token: string): User | null;
  /** Tells the host that some sessions may have ended; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

interface Stream {
  res: http.ServerResponse;
  /** The session the stream was opened with; null for the kiosk's own screen on 127.0.0.1. */
  token: string | null;
  user: User | null;
  remote: boolean;
}

// Expiry by the clock is noticed here; sign-out and account changes are noticed at once through onChange.
const SWEEP_MS = 5_000;
const KEEP_ALIVE_MS = 15_000;

/**
 * Raw scans can carry a full name (an EU DCC holds name and birth date): a screen elsewhere on the network gets them
 * only for an admin's device settings page; the kiosk's own screen needs them to check people.
 */
export function streamMayReceive(event: EventName, stream: { remote: boolean; user: User | null }): boolean {
  if (event !== 'scanner.scan' || !stream.remote) return true;
  return stream.user?.role === 'admin';
}

export function createEventStreams(bus: EventBus, sessions: HostSessions | undefined) {
  const streams = new Set<Stream>();

  const ended = (stream: Stream) => stream.token !== null && (!sessions || sessions.peek(stream.token) === null);
  function close(stream: Stream): void {
    streams.delete(stream);
    stream.res.end();
  }
  function sweep(): void {
    for (const stream of streams) if (ended(stream)) close(stream);
  }

  const stopBus = bus.onAny((event, payload) => {
    for (const stream of streams) {
      if (ended(stream)) close(stream);
      else if (streamMayReceive(event, stream)) stream.res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }
  });
  const stopSessions = sessions?.onChange(sweep) ?? (() => {});
  const sweeper = setInterval(sweep, SWEEP_MS);
  sweeper.unref();

  return {
    /** Starts a stream; the caller has already checked who may open one. */
    open(req: http.IncomingMessage, res: http.ServerResponse, who: { token: string | null; user: User | null; remote: boolean }): void {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      const stream: Stream = { res, ...who };
      streams.add(stream);
      // A comment now and then keeps proxies and idle timers from closing the stream.
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      const forget = () => {
        streams.delete(stream);
        clearInterval(keepAlive);
      };
      req.on('close', forget);
      res.on('close', forget);
      res.on('error', forget);
    },
    count: () => streams.size,
    stop(): void {
      stopBus();
      stopSessions();
      clearInterval(sweeper);
      for (const stream of streams) close(stream);
    },
  };
}
export type EventStreams = ReturnType<typeof createEventStreams>;
