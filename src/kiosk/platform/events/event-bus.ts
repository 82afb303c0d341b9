// Core-to-renderer events: services publish, hosts forward to every connected screen.
import type { EventName, EventPayload } from '../../../common/contract/events.ts';

type Listener = (event: EventName, payload: unknown) => void;

export interface EventBus {
  publish<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Receive every event (hosts forward them all; screens filter). */
  onAny(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    publish(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
