// One command-line read of a device (`devices read-temperature`, `devices read-id-card`): ends once, on the Nth item,
// Ctrl-C, a timeout or a port that cannot be opened, closing the device before it answers the exit code.

export interface DeviceSession {
  /** Ends the read with this exit code (after printing the message to stderr); later calls do nothing. */
  finish(code: number, message?: string): void;
}

export function startDeviceSession(options: { close: () => Promise<void>; timeoutMs?: number; timedOut: () => string }, resolve: (code: number) => void): DeviceSession {
  let done = false;
  const finish = (code: number, message?: string) => {
    if (done) return;
    done = true;
    if (message) console.error(message);
    clearTimeout(timer);
    process.off('SIGINT', interrupt);
    void options.close().then(() => resolve(code));
  };
  const interrupt = () => finish(0);
  process.on('SIGINT', interrupt);
  const timer = options.timeoutMs ? setTimeout(() => finish(3, options.timedOut()), options.timeoutMs) : undefined;
  return { finish };
}

/** A port's first failure, without the supervisor's retry note. */
export const cannotRead = (path: string, detail: string) => `gate-kiosk devices: cannot read ${path}: ${detail.replace(/ \(retrying in [\d.]+ s\)$/, '')}`;
