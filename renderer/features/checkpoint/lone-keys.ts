// A scanner types a code as a fast burst; a shortcut is a lone key. A key acts only when no other key precedes it
// within `loneMs`, and after `loneMs` with no key following, so a scanned "1" or Enter suffix never presses a button.
// The bindings can change at every render (a status update, a new clock second) without dropping a key that is
// waiting out its lone time: the key keeps the action it was pressed for. A gloved finger bounces: the same key again
// while it waits (110 ms later, say) is the same press, acted on once; a different key then still makes it a burst.

export interface LoneKeys {
  /** The step's current key bindings (call on every render). */
  bind(bindings: Record<string, () => void>): void;
  /** A key went down; true when it is a shortcut (the caller prevents its default). */
  press(key: string, at: number, inField: boolean): boolean;
  /** The step is gone: a waiting key belongs to it and is dropped. */
  dispose(): void;
}

export function createLoneKeys(loneMs: number): LoneKeys {
  let bindings: Record<string, () => void> = {};
  let previousAt = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let pendingKey: string | null = null;
  let pendingAction: (() => void) | null = null;
  const wait = (key: string, action: () => void) => {
    pendingKey = key;
    pendingAction = action;
    pending = setTimeout(() => {
      pending = undefined;
      pendingKey = null;
      pendingAction = null;
      action();
    }, loneMs);
  };
  return {
    bind(next) {
      bindings = next;
    },
    press(key, at, inField) {
      const gap = at - previousAt;
      previousAt = at;
      const bounced = pending !== undefined && pendingKey === key && gap < loneMs ? pendingAction : null;
      clearTimeout(pending);
      pending = undefined;
      pendingKey = null;
      pendingAction = null;
      // Digits typed into a field are the field's, not a shortcut.
      if (inField) return false;
      if (bounced) {
        wait(key, bounced);
        return true;
      }
      const action = bindings[key];
      if (!action || gap < loneMs) return false;
      wait(key, action);
      return true;
    },
    dispose() {
      clearTimeout(pending);
      pending = undefined;
      pendingKey = null;
      pendingAction = null;
    },
  };
}
