#!/usr/bin/env node
// The gate-kiosk command's launcher, in plain JavaScript so that any Node can read it. The kiosk is TypeScript run by
// Node 22's type stripping; `npm install` brings Node 22 from the npm registry (the `node` package), and npm scripts
// and npx run on it. Started by an older Node all the same (a shell without node_modules/.bin on its PATH), this
// hands over to that Node 22, or says in one line what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED = [22, 12];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const recent = major > NEEDED[0] || (major === NEEDED[0] && minor >= NEEDED[1]);
const entry = path.join(root, 'src/cli/gate-kiosk.ts');

if (recent) {
  await import(entry);
} else {
  const bundled = path.join(root, 'node_modules/node/bin/node');
  if (!existsSync(bundled)) {
    console.error(`gate-kiosk needs Node ${NEEDED.join('.')} or newer and this is Node ${process.versions.node}: run \`npm install\` in ${root} (it brings Node 22 from the npm registry), or install Node 22.`);
    process.exit(1);
  }
  const child = spawnSync(bundled, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
