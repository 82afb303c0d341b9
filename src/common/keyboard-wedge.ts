// Tells a keyboard-wedge scanner from a person typing, by timing. Pure and dependency-free: the renderer page and the
// Electron main process (before-input-event) both feed it keystrokes and act on the verdicts.
//
// Timing trade-off: fast scanners send keys 1-20 ms apart, Zebra-class ones ~80 ms with peaks near 100 ms, people type
// at 100+ ms. Judging each gap would reject a Zebra scan at its first 100 ms peak, so a burst is judged by its MEDIAN
// gap (≤ 100 ms by default), with a looser cap on any single gap (160 ms) and a silence of 200 ms ending the burst.
// The cost: a skilled typist rattling off 6+ characters under 100 ms each can pass as a scanner; `minLength` and
// `requireSuffix` narrow that window for deployments that need it.
//
// Decoding uses the physical key code (`KeyA`, `Digit1`, Shift) with the US layout the scanner emulates by factory
// default, so an OS set to another layout, or an active IME (which reports key "Process"), does not corrupt a scan.

import { median } from './median.ts';

/** One keystroke: a DOM KeyboardEvent or an Electron before-input-event mapped to these fields. */
export interface WedgeKey {
  key: string;
  code?: string;
  shift?: boolean;
  alt?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  capsLock?: boolean;
  /** 'keydown' (default) or 'keyup'; Electron's 'keyDown'/'keyUp' work too. Only Alt's key-up matters. */
  type?: string;
  /** Milliseconds, any monotonic clock. */
  at: number;
}

export interface WedgeOptions {
  /** A burst whose median gap between keys is above this is typing. */
  maxMedianGapMs: number;
  /** Any single gap above this inside a burst makes it typing. */
  maxGapMs: number;
  /** Silence that ends a burst without a suffix key. */
  silenceMs: number;
  /** Keys that end a scan (key or code names). Enter covers CR and NumpadEnter. */
  suffixes: string[];
  /** When true, a burst ended by silence is typing even when fast. */
  requireSuffix: boolean;
  minLength: number;
  /** Emit a progress event every this many characters of a burst that looks like a scan. */
  progressEvery: number;
  /** 'code' decodes from physical key codes (layout independent); 'key' trusts the OS-decoded character. */
  decodeFrom: 'code' | 'key';
}

export const DEFAULT_WEDGE_OPTIONS: Readonly<WedgeOptions> = {
  maxMedianGapMs: 100,
  maxGapMs: 160,
  silenceMs: 200,
  suffixes: ['Enter', 'Tab'],
  requireSuffix: false,
  minLength: 6,
  progressEvery: 20,
  decodeFrom: 'code',
};

export type WedgeEvent =
  | { kind: 'scan'; text: string; startedAt: number; endedAt: number; keys: number; medianGapMs: number; suffix?: string }
  | { kind: 'typing'; text: string; reason: string; startedAt: number; endedAt: number }
  | { kind: 'progress'; chars: number; startedAt: number; at: number };

export interface WedgeDetector {
  push(key: WedgeKey): WedgeEvent[];
  /** Call at `deadline()` (or any later time) so a burst without suffix ends after the silence. */
  tick(now: number): WedgeEvent[];
  /** When the current burst will end by silence, or null when idle. */
  deadline(): number | null;
  /** Characters of the burst in progress (for a progress bar). */
  pending(): { chars: number; startedAt: number } | null;
  reset(): void;
}

const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** The character a keystroke types, or null for keys that type nothing. */
export function decodeKey(key: WedgeKey, from: WedgeOptions['decodeFrom'] = 'code'): string | null {
  const code = key.code ?? '';
  if (from === 'code' && code) {
    const letter = /^Key([A-Z])$/.exec(code);
    if (letter) return Boolean(key.shift) !== Boolean(key.capsLock) ? letter[1]! : letter[1]!.toLowerCase();
    const digit = /^Digit(\d)$/.exec(code);
    if (digit) return key.shift ? SHIFTED_DIGITS[Number(digit[1])]! : digit[1]!;
    const numpad = /^Numpad(\d)$/.exec(code);
    if (numpad) return numpad[1]!;
    const pair = PUNCTUATION[code];
    if (pair) return key.shift ? pair[1] : pair[0];
  }
  return key.key.length === 1 ? key.key : null;
}

const IGNORED_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Dead', 'Unidentified']);

export function createWedgeDetector(overrides: Partial<WedgeOptions> = {}): WedgeDetector {
  const options: WedgeOptions = { ...DEFAULT_WEDGE_OPTIONS, ...overrides };
  let chars: string[] = [];
  let gaps: number[] = [];
  let startedAt = 0;
  let lastAt = 0;
  let altDigits = '';

  const isSuffix = (key: WedgeKey) =>
    options.suffixes.some((s) => s === key.key || s === key.code || (s === 'Enter' && key.code === 'NumpadEnter'));

  function finish(endedAt: number, suffix?: string): WedgeEvent[] {
    if (chars.length === 0) return [];
    const text = chars.join('');
    const medianGapMs = (median(gaps) ?? 0);
    const longest = Math.max(0, ...gaps);
    const base = { text, startedAt, endedAt };
    let reason: string | null = null;
    if (text.length < options.minLength) reason = `${text.length} character(s) is shorter than a scan (${options.minLength})`;
    else if (options.requireSuffix && !suffix) reason = 'the burst did not end with a scanner suffix key';
    else if (medianGapMs > options.maxMedianGapMs) reason = `keys came ${Math.round(medianGapMs)} ms apart (median); a scanner sends them within ${options.maxMedianGapMs} ms`;
    else if (longest > options.maxGapMs) reason = `a pause of ${Math.round(longest)} ms inside the burst`;
    chars = [];
    gaps = [];
    if (reason) return [{ kind: 'typing', ...base, reason }];
    return [{ kind: 'scan', ...base, keys: text.length, medianGapMs, ...(suffix ? { suffix } : {}) }];
  }

  function append(char: string, at: number, events: WedgeEvent[]): void {
    if (chars.length === 0) startedAt = at;
    else gaps.push(at - lastAt);
    chars.push(char);
    lastAt = at;
    if (chars.length % options.progressEvery === 0 && (median(gaps) ?? 0) <= options.maxMedianGapMs) {
      events.push({ kind: 'progress', chars: chars.length, startedAt, at });
    }
  }

  function flushAltCode(at: number, events: WedgeEvent[]): void {
    if (!altDigits) return;
    const codePoint = Number.parseInt(altDigits, 10);
    altDigits = '';
    if (codePoint > 0 && codePoint <= 0x10ffff) append(String.fromCodePoint(codePoint), at, events);
  }

  return {
    push(key) {
      const events: WedgeEvent[] = [];
      if (chars.length > 0 && key.at - lastAt > options.silenceMs) events.push(...finish(lastAt));
      if (key.type?.toLowerCase() === 'keyup') {
        if (key.key === 'Alt') flushAltCode(key.at, events);
        return events;
      }
      // Non-ASCII arrives as Alt + numpad digits, released with Alt.
      const numpadDigit = /^Numpad(\d)$/.exec(key.code ?? '');
      if (key.alt && numpadDigit) {
        altDigits += numpadDigit[1];
        lastAt = chars.length > 0 ? key.at : lastAt;
        return events;
      }
      if (!key.alt) flushAltCode(key.at, events);
      if (isSuffix(key)) {
        if (chars.length > 0) {
          gaps.push(key.at - lastAt);
          events.push(...finish(key.at, key.key));
        }
        return events;
      }
      if (IGNORED_KEYS.has(key.key) || key.ctrl || key.meta) return events;
      const char = decodeKey(key, options.decodeFrom);
      if (char !== null) append(char, key.at, events);
      return events;
    },
    tick(now) {
      if (chars.length > 0 && now - lastAt >= options.silenceMs) return finish(lastAt);
      return [];
    },
    deadline: () => (chars.length > 0 ? lastAt + options.silenceMs : null),
    pending: () => (chars.length > 0 ? { chars: chars.length, startedAt } : null),
    reset() {
      chars = [];
      gaps = [];
      altDigits = '';
    },
  };
}
