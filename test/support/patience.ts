// How long the reliability tests wait for processes on a machine shared by many (load averages of 20+ on 2 cores were
// seen): generous, since they bound a hang, not a speed; the speeds are printed, never asserted.
export const SLOW_START_MS = 120_000;
export const TEST_TIMEOUT_MS = 600_000;
