// Reads keyboard-wedge scans from the page's keystrokes, whatever has focus, telling them from typing by timing.
// A scan is the scanner's, not the page's (issue 13.7): its Enter suffix never presses a button or submits a form (a
// second person's scan must not answer 是本人吗？ for the first), and the characters it typed into a field are taken
// back out, so a scan on the household search is not lost in the field.
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
    // In Electron the main process reads the wedge from key codes before the page (see electron/main/wedge-input.ts);
    // the page still keeps the scan's keys out of its fields and buttons.
    const readsScans = !window.gateBridge;
    const detector = createWedgeDetector(options);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let field: FieldSnapshot | null = null;
    const handle = (events: WedgeEvent[]): boolean => {
      let scanned = false;
      for (const event of events) {
        if (event.kind === 'scan') {
          scanned = true;
          restore(field);
          if (readsScans) latest.current.onScan(event.text);
        }
        if (event.kind === 'progress') latest.current.onProgress?.(event.chars);
        if (event.kind !== 'progress') latest.current.onProgress?.(0);
      }
      if (events.some((e) => e.kind !== 'progress')) field = null;
      return scanned;
    };
    // The silence that ends a burst is counted from when the last key reached the page, on the detector's own clock
    // (the keys' timestamps): a busy PC handing over queued keys late must not cut a scan in two.
    // A timer that fires late says the page was busy (a render on a loaded PC): keys may still be queued in the browser,
    // so they get a moment to arrive before the silence counts.
    const schedule = (at: number) => {
      clearTimeout(timer);
      const deadline = detector.deadline();
      if (deadline === null) return;
      const wait = Math.max(0, deadline - at) + 5;
      let due = performance.now() + wait;
      const fire = () => {
        const late = performance.now() - due;
        if (late > 20) {
          due = performance.now() + 60;
          timer = setTimeout(fire, 60);
          return;
        }
        handle(detector.tick(deadline));
      };
      timer = setTimeout(fire, wait);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      // What the focused field held before this burst's first key, to put back if the burst turns out to be a scan.
      if (event.type === 'keydown' && detector.pending() === null) field = snapshot(document.activeElement);
      const scanned = handle(
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
      if (scanned && event.type === 'keydown') {
        // The suffix key that ended a scan goes no further: no button, no form, no shortcut sees it.
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      schedule(event.timeStamp);
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

interface FieldSnapshot {
  element: HTMLInputElement | HTMLTextAreaElement;
  value: string;
}

function snapshot(element: Element | null): FieldSnapshot | null {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return { element, value: element.value };
  return null;
}

/** Puts a field back as it was before the scan, telling React through the native setter and an input event. */
function restore(field: FieldSnapshot | null): void {
  if (!field || !field.element.isConnected || field.element.value === field.value) return;
  const prototype = field.element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field.element, field.value);
  field.element.dispatchEvent(new Event('input', { bubbles: true }));
}
