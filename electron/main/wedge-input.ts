// Keyboard-wedge scans read in the main process from before-input-event, by physical key code, before the page and
// any IME see them: the OS keyboard layout cannot corrupt a scan, and the focused input does not matter.
import type { Input } from 'electron';
import { createWedgeDetector, type WedgeKey, type WedgeOptions } from '../../src/common/keyboard-wedge.ts';

export function toWedgeKey(input: Pick<Input, 'type' | 'key' | 'code' | 'shift' | 'alt' | 'control' | 'meta'>, at: number): WedgeKey {
  return { key: input.key, code: input.code, shift: input.shift, alt: input.alt, ctrl: input.control, meta: input.meta, type: input.type, at };
}

/** Feeds key events to the detector; calls onScan for each scan. Returns the handler and a stop function. */
export function createWedgeInput(options: WedgeOptions, onScan: (text: string) => void, now: () => number = () => performance.now()) {
  const detector = createWedgeDetector(options);
  let timer: NodeJS.Timeout | undefined;
  const emit = (events: ReturnType<typeof detector.push>) => {
    for (const event of events) if (event.kind === 'scan') onScan(event.text);
  };
  return {
    onInput(input: Pick<Input, 'type' | 'key' | 'code' | 'shift' | 'alt' | 'control' | 'meta'>): void {
      emit(detector.push(toWedgeKey(input, now())));
      clearTimeout(timer);
      const deadline = detector.deadline();
      if (deadline !== null) timer = setTimeout(() => emit(detector.tick(now())), Math.max(0, deadline - now()) + 5);
    },
    stop: () => clearTimeout(timer),
  };
}
