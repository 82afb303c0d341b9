// Every step has a keyboard path: a scanner and a numeric keypad are enough to run the gate.
import { useLayoutEffect, useRef } from 'react';
import { createLoneKeys } from './lone-keys.ts';

const LONE_KEY_MS = 150;

export function useKeys(bindings: Record<string, () => void>, enabled = true): void {
  const keys = useRef(createLoneKeys(LONE_KEY_MS));
  keys.current.bind(enabled ? bindings : {});
  // Listening from before the step is painted: with a passive effect, a key pressed as soon as a step showed (the
  // result's Enter on a loaded machine) could come before the listener and be lost.
  useLayoutEffect(() => {
    const lone = keys.current;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inField = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
      if (lone.press(event.key, event.timeStamp, inField)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      lone.dispose();
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
