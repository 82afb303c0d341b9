// The systemd units of a kiosk without Electron, from the templates in resources/systemd/: pure, so the test checks
// exactly what `gate-kiosk install-service` writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const UNIT_NAMES = ['gate-kiosk-host.service', 'gate-kiosk-screen.service'] as const;

export interface UnitValues {
  /** The Node 22 that runs the kiosk (the `node` package's, when npm brought it). */
  node: string;
  /** bin/gate-kiosk.mjs */
  entry: string;
  root: string;
  data: string;
  port: number;
  browser: string;
}

/** Why a value cannot go into a unit file as it is, or null. systemd splits ExecStart= at spaces and expands % and $. */
export function unsafePath(value: string): string | null {
  if (!path.isAbsolute(value)) return `"${value}" is not an absolute path`;
  if (/[\s"'\\%$;]/.test(value)) return `"${value}" has a space, quote, backslash, %, $ or ; that a systemd unit would misread: use a path without them`;
  return null;
}

export function renderUnits(templateDir: string, values: UnitValues): Array<{ name: string; text: string }> {
  for (const [key, value] of Object.entries(values)) {
    if (key === 'port') continue;
    const problem = unsafePath(value as string);
    if (problem) throw new Error(`--${key === 'data' ? 'data' : key}: ${problem}`);
  }
  if (!Number.isInteger(values.port) || values.port < 1 || values.port > 65535) throw new Error(`--port must be a whole number from 1 to 65535, not "${values.port}"`);
  const fill = (text: string) =>
    text.replace(/@(NODE|ENTRY|ROOT|DATA|PORT|BROWSER)@/g, (_, key: string) => String(values[key.toLowerCase() as keyof UnitValues]));
  return UNIT_NAMES.map((name) => ({ name, text: fill(readFileSync(path.join(templateDir, `${name}.in`), 'utf8')) }));
}
