#!/usr/bin/env node
// The one command line: `gate-kiosk <subcommand> [options]`. Subcommands are listed in commands.ts.
import { commands } from './commands.ts';

const [name, ...args] = process.argv.slice(2);

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return ['Usage: gate-kiosk <command> [options]', '', 'Commands:', ...lines, '', 'Run `gate-kiosk <command> --help` for the options of one command.'].join('\n');
}

if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage());
  process.exit(0);
}
const command = commands[name];
if (!command) {
  console.error(`gate-kiosk: unknown command "${name}".\n\n${usage()}`);
  process.exit(2);
}
const { run } = await command.load();
process.exitCode = await run(args);
