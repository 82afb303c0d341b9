// Where things are, found from the package root, whether running from src/ or from the Electron bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gate-kiosk') return dir;
    if (path.dirname(dir) === dir) throw new Error(`gate-kiosk's package.json was not found above ${from}`);
  }
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const packageVersion = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
export const rendererDist = path.join(packageRoot, 'dist', 'renderer');
export const electronDist = path.join(packageRoot, 'dist', 'electron');
export const defaultDataDir = path.join(packageRoot, 'data');
