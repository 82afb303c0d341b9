// Removes the run's database-key folder (set in vitest.config.ts) when the run ends.
import { rmSync } from 'node:fs';
import os from 'node:os';

export default function setup(): () => void {
  return () => {
    const dir = process.env.GATE_KIOSK_KEY_DIR;
    if (dir?.startsWith(os.tmpdir()) && dir.includes('gate-kiosk-test-keys-')) rmSync(dir, { recursive: true, force: true });
  };
}
