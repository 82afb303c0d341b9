// A device simulator on one end of a serial port (a PTY pair's or a USB serial adapter's), for `gate-kiosk devices
// simulate-*`: it answers on the port until Ctrl-C, or until the port goes away (exit 1, said on stderr).
import { SerialPort } from 'serialport';
import { explainOpenError } from '../kiosk/platform/devices/serial/supervisor.ts';

/** The bytes a simulator writes and the chunks it is sent, over the port. */
export interface SimulatorLink {
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): void;
}

export async function runSimulatorOnPort(path: string, baudRate: number, what: string, start: (link: SimulatorLink) => { stop(): void }): Promise<number> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  const openError = await new Promise<Error | null>((resolve) => port.open((error) => resolve(error)));
  if (openError) {
    console.error(`gate-kiosk devices: ${explainOpenError(path, openError).detail}`);
    return 1;
  }
  port.on('error', (error) => console.error(`gate-kiosk devices: ${error.message}`));
  const simulator = start({ write: (bytes) => void port.write(Buffer.from(bytes)), onData: (listener) => void port.on('data', (chunk: Buffer) => listener(chunk)) });
  console.error(`Simulating ${what} on ${path} at ${baudRate} baud; Ctrl-C to stop.`);
  return new Promise<number>((resolve) => {
    const stop = (code: number) => {
      simulator.stop();
      process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
      if (port.isOpen) port.close(() => resolve(code));
      else resolve(code);
    };
    const interrupt = () => stop(0);
    process.on('SIGINT', interrupt).on('SIGTERM', interrupt);
    port.on('close', (error?: { disconnected?: boolean }) => {
      if (error?.disconnected) console.error(`gate-kiosk devices: ${path} went away`);
      stop(error?.disconnected ? 1 : 0);
    });
  });
}
