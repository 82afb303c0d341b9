// Real key events in Chromium, as the kiosk's devices send them (issue 13.7): a keyboard-wedge scanner's burst and a
// volunteer's keys. Both go through the browser's input pipeline (trusted events, default actions, focus), unlike
// events dispatched from script, which hid the scanner's Enter pressing the focused button. A scanner's keys are sent
// over one DevTools session without waiting for each answer, each stamped (the DevTools timestamp, which the page sees
// as event.timeStamp) `gapMs` after the one before, as a scanner types them: a busy machine delaying the delivery does
// not turn a scan into typing. The call returns once the last stamp has passed, so the next key comes after it.
import type { Page } from 'playwright-core';

const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [string, string, number]> = {
  Minus: ['-', '_', 189],
  Equal: ['=', '+', 187],
  BracketLeft: ['[', '{', 219],
  BracketRight: [']', '}', 221],
  Backslash: ['\\', '|', 220],
  Semicolon: [';', ':', 186],
  Quote: ["'", '"', 222],
  Backquote: ['`', '~', 192],
  Comma: [',', '<', 188],
  Period: ['.', '>', 190],
  Slash: ['/', '?', 191],
  Space: [' ', ' ', 32],
};

interface PhysicalKey {
  code: string;
  shift: boolean;
  vk: number;
  plain: string;
  shifted: string;
}

/** The US-layout key (and Shift) that types a character, as a scanner emulating a US keyboard presses it. */
function physicalKey(char: string): PhysicalKey {
  if (/^[a-z]$/i.test(char)) return { code: `Key${char.toUpperCase()}`, shift: char !== char.toLowerCase(), vk: char.toUpperCase().charCodeAt(0), plain: char.toLowerCase(), shifted: char.toUpperCase() };
  if (/^\d$/.test(char)) return { code: `Digit${char}`, shift: false, vk: 48 + Number(char), plain: char, shifted: SHIFTED_DIGITS[Number(char)]! };
  const digit = SHIFTED_DIGITS.indexOf(char);
  if (digit >= 0) return { code: `Digit${digit}`, shift: true, vk: 48 + digit, plain: String(digit), shifted: char };
  for (const [code, [plain, shifted, vk]] of Object.entries(PUNCTUATION)) {
    if (char === plain || char === shifted) return { code, shift: char !== plain, vk, plain, shifted };
  }
  throw new Error(`no US key types ${JSON.stringify(char)}`);
}

/**
 * Scans `text` as a keyboard-wedge scanner types it, ending with Enter. `shift: false` is a scanner set up without
 * Shift (a wrong keyboard setting): the same keys, unshifted, so GK1: arrives as gk1;.
 */
export async function scanKeys(page: Page, text: string, options: { shift?: boolean; suffix?: 'Enter' | null; gapMs?: number; quietMs?: number } = {}): Promise<void> {
  // A person's last key and the scan must be further apart than the kiosk's silence (gate-e2e.ts sets 1 s).
  await page.waitForTimeout(options.quietMs ?? 1050);
  const last = await stampedKeys(page, text, options.gapMs ?? 5, options.shift !== false, options.suffix !== null);
  // A person reacts to a scan after a moment, never inside the 150 ms that makes a key part of a burst.
  await page.waitForFunction((until) => performance.now() > until, last + 250, { polling: 10 });
}

/**
 * Sends `text` as real keys stamped `gapMs` apart, without waiting for each answer, and answers the page time of the
 * last stamp.
 */
async function stampedKeys(page: Page, text: string, gapMs: number, useShift: boolean, enter: boolean): Promise<number> {
  const gap = gapMs / 1000;
  const cdp = await page.context().newCDPSession(page);
  // The page's clock is not the epoch the DevTools stamps are given in: one Shift press (which types nothing) measures
  // the offset, so the stamps start at the page's now and later keys come after them.
  const { offsetMs, pageNow } = await clockOffset(page, cdp);
  const sent: Array<Promise<unknown>> = [];
  let at = (pageNow + 20 + offsetMs) / 1000;
  const send = (params: Record<string, unknown>) => sent.push(cdp.send('Input.dispatchKeyEvent', { ...params, timestamp: (at += 0.0001) } as never));
  for (const char of text) {
    at += gap;
    const key = physicalKey(char);
    const shift = useShift && key.shift;
    const typed = shift ? key.shifted : key.plain;
    if (shift) send({ type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 8 });
    send({ type: 'keyDown', key: typed, code: key.code, text: typed, unmodifiedText: typed, windowsVirtualKeyCode: key.vk, modifiers: shift ? 8 : 0 });
    send({ type: 'keyUp', key: typed, code: key.code, windowsVirtualKeyCode: key.vk, modifiers: shift ? 8 : 0 });
    if (shift) send({ type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 0 });
  }
  if (enter) {
    at += gap;
    send({ type: 'keyDown', key: 'Enter', code: 'Enter', text: '\r', unmodifiedText: '\r', windowsVirtualKeyCode: 13 });
    send({ type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  }
  await Promise.all(sent);
  await cdp.detach();
  return at * 1000 - offsetMs;
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

async function clockOffset(page: Page, cdp: Cdp): Promise<{ offsetMs: number; pageNow: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __probe?: number };
    delete w.__probe;
    window.addEventListener('keydown', (e) => e.key === 'Shift' && (w.__probe ??= e.timeStamp), { capture: true, once: true });
  });
  const sentAt = Date.now();
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 8, timestamp: sentAt / 1000 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 0, timestamp: sentAt / 1000 + 0.001 });
  const { probe, now } = await page.evaluate(() => ({ probe: (window as unknown as { __probe: number }).__probe, now: performance.now() }));
  return { offsetMs: sentAt - probe, pageNow: now };
}

/** A volunteer's key, at a person's pace: two keys within the scanner's burst window would be read as a scan. */
export async function volunteerKey(page: Page, name: string): Promise<void> {
  await page.keyboard.press(name);
  await page.waitForTimeout(250);
}

/** Characters a US keyboard has a key for; others (a plate's 京) come from an input method. */
const KEYED = /^[\x20-\x7e]+$/;

/**
 * A volunteer typing into the focused field at a person's pace: real key events stamped 150 ms apart, so a busy
 * machine that delivers them in a bunch does not make them look like a scanner's burst. A character with no US key
 * goes in as an input method commits it (text, no key events), then a pause.
 */
export async function volunteerTypes(page: Page, text: string): Promise<void> {
  for (const run of text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? []) {
    if (KEYED.test(run)) {
      const last = await stampedKeys(page, run, 150, true, false);
      await page.waitForFunction((until) => performance.now() > until, last + 250, { polling: 10 });
    } else {
      await page.keyboard.insertText(run);
      await page.waitForTimeout(250);
    }
  }
}

/**
 * A gloved finger: the same key twice, `gapMs` apart (a bounce). Both are real key events stamped `gapMs` apart by the
 * browser (the DevTools timestamp), so the gap the page sees is exact however busy the machine is.
 */
export async function bouncedKey(page: Page, key: string, code: string, vk: number, gapMs = 110): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const t = Date.now() / 1000;
  const text = key.length === 1 ? { text: key, unmodifiedText: key } : {};
  await Promise.all(
    [0, gapMs / 1000].flatMap((offset) => [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: vk, timestamp: t + offset, ...text }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: vk, timestamp: t + offset + 0.02 }),
    ]),
  );
  await cdp.detach();
  await page.waitForTimeout(400);
}
