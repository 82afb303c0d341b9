// `gate-kiosk install-service`: a kiosk without Electron that starts at boot. Writes two systemd user units (the
// browser host; Chromium in kiosk mode on it), each restarted when it dies, the screen kept awake, and says the
// commands that enable them. The units are the kiosk account's own: no root needed except for enable-linger.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultDataDir, packageRoot } from '../kiosk/app/paths.ts';
import { renderUnits, UNIT_NAMES } from './install-service/units.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk install-service [--data DIR] [--port N] [--browser PATH] [--unit-dir DIR] [--print]

Writes the systemd user units that run the kiosk without Electron, for the account the kiosk runs as:
  gate-kiosk-host.service    the browser host (gate-kiosk serve) on 127.0.0.1, restarted whenever it dies
  gate-kiosk-screen.service  Chromium in kiosk mode on it, in the graphical session, restarted whenever it dies,
                             with the screensaver, DPMS and idle sleep held off
then prints the commands that enable them at boot.
  --data DIR      data folder (default ./data, as an absolute path)
  --port N        the host's port (default 8420)
  --browser PATH  Chromium (default /usr/bin/chromium)
  --unit-dir DIR  where to write them (default ~/.config/systemd/user)
  --print         print the units instead of writing them`;

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(
      args,
      { data: { type: 'string' }, port: { type: 'string', default: '8420' }, browser: { type: 'string', default: '/usr/bin/chromium' }, 'unit-dir': { type: 'string' }, print: { type: 'boolean' } },
      HELP,
    );
    if (!parsed) return 0;
    const port = Number(parsed.values.port);
    const browser = parsed.values.browser!;
    if (!existsSync(browser)) throw new UsageError(`There is no browser at ${browser}: install Chromium (apt install chromium) or name it with --browser PATH.`);
    // The Node 22 running this: npm brings it as the `node` package, so the units never depend on the machine's Node.
    const units = renderUnits(path.join(packageRoot, 'resources/systemd'), {
      node: process.execPath,
      entry: path.join(packageRoot, 'src/cli/gate-kiosk.ts'),
      root: packageRoot,
      data: path.resolve(parsed.values.data ?? defaultDataDir),
      port,
      browser,
    });
    if (parsed.values.print) {
      for (const unit of units) console.log(`# ${unit.name}\n${unit.text}`);
      return 0;
    }
    const dir = path.resolve(parsed.values['unit-dir'] ?? path.join(os.homedir(), '.config/systemd/user'));
    mkdirSync(dir, { recursive: true });
    for (const unit of units) writeFileSync(path.join(dir, unit.name), unit.text, { mode: 0o644 });
    console.log(`Wrote ${UNIT_NAMES.join(' and ')} to ${dir}. To start them now and at every boot:`);
    console.log('  systemctl --user daemon-reload');
    console.log(`  systemctl --user enable --now ${UNIT_NAMES.join(' ')}`);
    console.log(`  sudo loginctl enable-linger ${os.userInfo().username}   # the host starts at boot, before anyone logs in`);
    console.log('Log the kiosk account into its graphical session automatically (your display manager\'s autologin) so the screen starts too.');
    return 0;
  } catch (error) {
    console.error(`gate-kiosk install-service: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
