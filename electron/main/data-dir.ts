import path from 'node:path';

/** `--data=DIR` from `gate-kiosk start`, else a folder in the user's application data. */
export function dataDirFromArgs(argv: readonly string[], userData: string): string {
  const flag = argv.find((arg) => arg.startsWith('--data='));
  return flag ? path.resolve(flag.slice('--data='.length)) : path.join(userData, 'data');
}
