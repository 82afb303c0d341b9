// A scanner types a code as a fast burst; a shortcut is a lone key. A key acts only when no other key precedes it
// within `loneMs`, and after `loneMs` with no key following, so a scanned "1" or Enter suffix never presses a button.
// The bindings can change at every render (a status update, a new clock second) without dropping a key that is
// waiting out its lone time: the key keeps the action it was pressed for.

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
  return {
    bind(next) {
      bindings = next;
    },
    press(key, at, inField) {
      const gap = at - previousAt;
      previousAt = at;
      clearTimeout(pending);
      pending = undefined;
      // Digits typed into a field are the field's, not a shortcut.
      if (inField) return false;
      const action = bindings[key];
      if (!action || gap < loneMs) return false;
      pending = setTimeout(() => {
        pending = undefined;
        action();
      }, loneMs);
      return true;
    },
    dispose() {
      clearTimeout(pending);
      pending = undefined;
    },
  };
}
