// A file's folder says where it may run: the core never imports Electron, React or the DOM, and the renderer sees
// only the contract. Checked on the real import statements of every source file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/kiosk.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

const resolveFrom = (file: string, specifier: string) => (specifier.startsWith('.') ? path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), specifier)) : specifier);

describe('layer boundaries', () => {
  it('finds imports of every kind', () => {
    expect(importsOf(`import a from 'x';\nexport { b } from "./y.ts";\nconst c = await import('z');\nimport './s.css';\nimport type { D } from 'w';`)).toEqual(['x', './y.ts', 'z', './s.css', 'w']);
  });

  it.each(sourceFiles('src'))('%s does not import Electron, React or the DOM', (file) => {
    const source = readFileSync(path.join(repoRoot, file), 'utf8');
    const forbidden = importsOf(source).filter((s) => /^(electron|react|react-dom|@zxing\/browser)(\/|$)/.test(s) || resolveFrom(file, s).startsWith('renderer/') || resolveFrom(file, s).startsWith('electron/'));
    expect(forbidden).toEqual([]);
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    expect(code).not.toMatch(/\b(window|document|localStorage|navigator)\.\w/);
  });

  it.each(sourceFiles('renderer'))('%s imports from src/ only through src/contract', (file) => {
    const outside = importsOf(readFileSync(path.join(repoRoot, file), 'utf8'))
      .map((s) => resolveFrom(file, s))
      .filter((target) => target.startsWith('src/') && !target.startsWith('src/contract/'));
    expect(outside).toEqual([]);
  });

  it.each(sourceFiles('src/contract'))('%s stays free of Node: the renderer loads it too', (file) => {
    const nodeImports = importsOf(readFileSync(path.join(repoRoot, file), 'utf8')).filter((s) => s.startsWith('node:') || !(s.startsWith('.') || s === 'zod'));
    expect(nodeImports).toEqual([]);
  });
});
