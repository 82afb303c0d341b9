// Reads keyboard-wedge scans from the page's keystrokes, whatever has focus, telling them from typing by timing.
import { useEffect, useRef } from 'react';
import { createWedgeDetector, type WedgeEvent, type WedgeOptions } from '../../../src/common/keyboard-wedge.ts';
import { useBridge } from '../../api/bridge-context.tsx';

interface Handlers {
  onScan: (text: string) => void;
  onProgress?: (chars: number) => void;
}

/** Scans from a keyboard-wedge scanner typing into the page, and from scanners the core drives. */
export function useScans(options: WedgeOptions, handlers: Handlers): void {
  const bridge = useBridge();
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => bridge.subscribe('scanner.scan', (scan) => latest.current.onScan(scan.text)), [bridge]);

  useEffect(() => {
    // In Electron the main process reads the wedge from key codes before the page (see electron/main/wedge-input.ts).
    if (window.gateBridge) return;
    const detector = createWedgeDetector(options);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handle = (events: WedgeEvent[]) => {
      for (const event of events) {
        if (event.kind === 'scan') latest.current.onScan(event.text);
        if (event.kind === 'progress') latest.current.onProgress?.(event.chars);
        if (event.kind !== 'progress') latest.current.onProgress?.(0);
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      const deadline = detector.deadline();
      if (deadline !== null) timer = setTimeout(() => handle(detector.tick(performance.now())), Math.max(0, deadline - performance.now()) + 5);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      handle(
        detector.push({
          key: event.key,
          code: event.code,
          shift: event.shiftKey,
          alt: event.altKey,
          ctrl: event.ctrlKey,
          meta: event.metaKey,
          capsLock: event.getModifierState('CapsLock'),
          type: event.type,
          at: event.timeStamp,
        }),
      );
      schedule();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
    };
  }, [options]);
}
