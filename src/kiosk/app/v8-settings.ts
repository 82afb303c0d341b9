// The kiosk process's V8 settings, made before the rest of the kiosk loads: the CLI's start and serve load this first
// (so `npm start`, `npm run serve` and the systemd units), and Electron's main bundle runs it first. The console
// worker threads share them (V8's flags are per process).
import v8 from 'node:v8';

/**
 * The young generation stays at V8's initial 1 MiB semi-spaces instead of growing to 16 MiB each: the gate allocates
 * little per person, and the grown semi-spaces stayed committed for good, about 30 MB of the kiosk's RSS. Flags that
 * size the heap are read only at start, but the growth factor is read at each growth, so it can be set here.
 */
export const KIOSK_V8_FLAGS = ['--semi-space-growth-factor=1'] as const;

for (const flag of KIOSK_V8_FLAGS) v8.setFlagsFromString(flag);
