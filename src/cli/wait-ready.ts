// `gate-kiosk wait-ready --url URL`: waits until the kiosk answers (the screen's unit runs it before Chromium opens).
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk wait-ready --url URL [--timeout SECONDS]

Waits until URL answers 200 (default http://127.0.0.1:8420/api/health), at most --timeout seconds (default 60).`;

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { url: { type: 'string', default: 'http://127.0.0.1:8420/api/health' }, timeout: { type: 'string', default: '60' } }, HELP);
    if (!parsed) return 0;
    const timeoutS = Number(parsed.values.timeout);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 3600) throw new UsageError(`--timeout must be seconds from 1 to 3600, not "${parsed.values.timeout}".`);
    const url = new URL(parsed.values.url!);
    const deadline = Date.now() + timeoutS * 1000;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return 0;
        last = `answered ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.error(`gate-kiosk wait-ready: ${url.href} did not answer in ${timeoutS} s (${last}).`);
    return 1;
  } catch (error) {
    console.error(`gate-kiosk wait-ready: ${(error as Error).message}`);
    return 2;
  }
}
