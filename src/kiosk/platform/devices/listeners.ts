// A tiny listener set: drivers emit to whoever subscribed, and a throwing listener cannot break the driver.
import type { Unsubscribe } from './ports.ts';

export function createListeners<T>() {
  const set = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): Unsubscribe {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value: T): void {
      for (const listener of [...set]) {
        try {
          listener(value);
        } catch (error) {
          console.error('device listener failed:', error);
        }
      }
    },
    clear: () => set.clear(),
  };
}
