// USB-CDC scanners send each code as a line. Pure: bytes in, lines out, with a cap so a missing suffix cannot grow
// the buffer without end.

export const LINE_SUFFIXES = ['cr', 'lf', 'crlf', 'any'] as const;
export type LineSuffix = (typeof LINE_SUFFIXES)[number];

export type LineEvent = { kind: 'line'; bytes: Uint8Array } | { kind: 'rejected'; reason: string };

export function createLineDecoder(options: { suffix?: LineSuffix; maxLength?: number } = {}) {
  const suffix = options.suffix ?? 'any';
  const maxLength = options.maxLength ?? 4096;
  let line: number[] = [];
  let overflowing = false;

  function end(events: LineEvent[]): void {
    // 'any' ends on CR or LF, so CR LF leaves an empty line to drop.
    if (line.length > 0 && !overflowing) events.push({ kind: 'line', bytes: Uint8Array.from(line) });
    line = [];
    overflowing = false;
  }

  return {
    push(chunk: Uint8Array): LineEvent[] {
      const events: LineEvent[] = [];
      for (const byte of chunk) {
        const isCr = byte === 0x0d;
        const isLf = byte === 0x0a;
        if ((suffix === 'cr' && isCr) || (suffix === 'lf' && isLf) || (suffix === 'any' && (isCr || isLf))) {
          end(events);
          continue;
        }
        if (suffix === 'crlf' && isLf && line.at(-1) === 0x0d) {
          line.pop();
          end(events);
          continue;
        }
        if (overflowing) continue;
        line.push(byte);
        if (line.length > maxLength) {
          events.push({ kind: 'rejected', reason: `no line end within ${maxLength} bytes: check the scanner's suffix setting` });
          overflowing = true;
          line = [];
        }
      }
      return events;
    },
  };
}

/** Splits an AIM identifier prefix (`]Q1...`) off a line when the scanner is set to send one. */
export function splitAimPrefix(text: string): { aim?: string; text: string } {
  return /^\][A-Za-z][0-9A-Za-z]/.test(text) ? { aim: text.slice(0, 3), text: text.slice(3) } : { text };
}
