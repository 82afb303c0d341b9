import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Database keys made by the tests' kiosks go to one folder of this run (outside every data folder, as on a kiosk),
// removed at the end, instead of the user's ~/.config/gate-kiosk/keys. Child processes inherit it.
process.env.GATE_KIOSK_KEY_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'gate-kiosk-test-keys-'));

// Two groups, run one after the other: everything else first (two files at a time), then the browser tests one file
// at a time, so Chromium, the kiosk process and its timers never compete with a second browser on a 2-core machine.
export default defineConfig({
  test: {
    // The JSON report gives .ci/run its closing 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'core',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**'],
          // Serial ports, PostgreSQL and child processes are real: give them room.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          globalSetup: ['test/support/key-dir-teardown.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          maxWorkers: 1,
          globalSetup: ['test/support/key-dir-teardown.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
