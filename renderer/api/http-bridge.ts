// The browser host's transport: POST /api/invoke/<method>, events over server-sent events.
import type { ApiError, EventName, GateBridge, Result } from '../../src/common/contract/index.ts';

export function createHttpBridge(base = '/api'): GateBridge {
  let source: EventSource | null = null;
  let token: string | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(event: EventName): void {
    source ??= new EventSource(token ? `${base}/events?token=${encodeURIComponent(token)}` : `${base}/events`);
    if (listeners.has(event)) return;
    listeners.set(event, new Set());
    source.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }

  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`${base}/invoke/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input),
        });
        return (await response.json()) as Result<never>;
      } catch {
        const error: ApiError = { code: 'unavailable', message: 'The kiosk service is not answering. Wait a moment; if it lasts, restart the kiosk.', key: 'service-down' };
        return { ok: false, error };
      }
    },
    setSessionToken(next) {
      if (next === token) return;
      token = next;
      // The event stream was opened with the old session (on the LAN it needs one): reopen it with the new one.
      if (source) {
        source.close();
        source = null;
        const kept = new Map(listeners);
        listeners.clear();
        for (const [event, set] of kept) {
          ensureSource(event as EventName);
          for (const listener of set) listeners.get(event)!.add(listener);
        }
      }
    },
    subscribe(event, listener) {
      ensureSource(event);
      const set = listeners.get(event)!;
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
