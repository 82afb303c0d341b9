// CPU per committed row for each page cipher SQLite3 Multiple Ciphers offers the kiosk, on the same table (eight
// indexes, WAL, synchronous=FULL): what chose AEGIS-256 over SQLCipher 4 (bench core-scan's profile note).
//   node bench/support/cipher-commit.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyKey, openFile, type CipherName } from '../../src/kiosk/platform/store/at-rest/cipher.ts';

const ROWS = 3000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-kiosk-cipher-'));
const hex = () => randomBytes(6).toString('hex');
try {
  for (const cipher of ['plain', 'sqlcipher-4', 'aegis-256'] as Array<CipherName | 'plain'>) {
    const db = openFile(path.join(dir, `${cipher}.sqlite`));
    if (cipher !== 'plain') applyKey(db, randomBytes(32), cipher);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d INT, e INT, f TEXT, g TEXT, h TEXT)');
    for (const column of 'abcdefgh') db.exec(`CREATE INDEX t_${column} ON t(${column})`);
    const insert = db.prepare('INSERT INTO t (a, b, c, d, e, f, g, h) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 1000; i++) insert.run(hex(), hex(), hex(), i, i, hex(), hex(), hex());
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < ROWS; i++) insert.run(hex(), hex(), hex(), i, i, hex(), hex(), hex());
    const used = process.cpuUsage(cpu);
    console.log(`${cipher.padEnd(12)} ${((used.user + used.system) / ROWS).toFixed(0)} µs CPU, ${(((performance.now() - wall) / ROWS) * 1000).toFixed(0)} µs wall per committed row`);
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
