// Every step has a keyboard path: a scanner and a numeric keypad are enough to run the gate.
import { useEffect } from 'react';

// A scanner types a code as a fast burst; a shortcut is a lone key. Acting only on a key that no other key
// follows (or precedes) within this time keeps a scanned "1" or Enter suffix from pressing a button.
const LONE_KEY_MS = 150;

export function useKeys(bindings: Record<string, () => void>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    let previousAt = -Infinity;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent) => {
      const gap = event.timeStamp - previousAt;
      previousAt = event.timeStamp;
      clearTimeout(pending);
      const target = event.target as HTMLElement | null;
      // Digits typed into a field are the field's, not a shortcut.
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const action = bindings[event.key];
      if (!action || gap < LONE_KEY_MS) return;
      event.preventDefault();
      pending = setTimeout(action, LONE_KEY_MS);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(pending);
      window.removeEventListener('keydown', onKey);
    };
  }, [bindings, enabled]);
}
