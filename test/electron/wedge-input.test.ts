// Electron's wedge reading from before-input-event key codes: a scan typed under another OS layout still decodes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE_OPTIONS } from '../../src/common/keyboard-wedge.ts';
import { createWedgeInput } from '../../electron/main/wedge-input.ts';

describe('wedge input in the main process', () => {
  it('decodes by physical key code, ignoring what the layout made of the key', () => {
    let clock = 0;
    const scans: string[] = [];
    const input = createWedgeInput(DEFAULT_WEDGE_OPTIONS, (text) => scans.push(text), () => clock);
    // A French AZERTY layout reports the KeyQ position as 'a'; the scanner meant 'q'.
    const keys: Array<[string, string, boolean]> = [['A', 'KeyQ', true], ['r', 'KeyR', false], ['-', 'Minus', false], ['à', 'Digit0', false], ['&', 'Digit1', false], ['z', 'KeyW', false], ['Enter', 'Enter', false]];
    for (const [key, code, shift] of keys) {
      input.onInput({ type: 'keyDown', key, code, shift, alt: false, control: false, meta: false });
      clock += 5;
    }
    input.stop();
    expect(scans).toEqual(['Qr-01w']);
  });

  it('does not take slow typing as a scan', () => {
    let clock = 0;
    const scans: string[] = [];
    const input = createWedgeInput(DEFAULT_WEDGE_OPTIONS, (text) => scans.push(text), () => clock);
    for (const code of ['KeyH', 'KeyE', 'KeyL', 'KeyL', 'KeyO', 'KeyS', 'Enter']) {
      input.onInput({ type: 'keyDown', key: code.slice(-1).toLowerCase(), code, shift: false, alt: false, control: false, meta: false });
      clock += 150;
    }
    input.stop();
    expect(scans).toEqual([]);
  });
});
