// Is there an ID card reader on this port? Sends the SAM status command (11 FF) and waits for a SAM frame: for
// `devices list --probe` and the device settings screen's test.
import { SerialPort } from 'serialport';
import { explainOpenError } from '../serial/supervisor.ts';
import { ID_READER_BAUD } from './id-card-reader.ts';
import { createSamFrameDecoder, parseReply } from './sam-frame-decoder.ts';
import { describeStatus, encodeCommand } from './sam-protocol.ts';

/** Asks a serial port for the SAM module's status (11 FF): an ID card reader answers with a SAM frame. */
export async function probeSam(path: string, baudRate = ID_READER_BAUD, timeoutMs = 800): Promise<{ reader: true; status: string } | { reader: false; why: string }> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  const openError = await new Promise<Error | null>((resolve) => port.open((error) => resolve(error)));
  if (openError) return { reader: false, why: explainOpenError(path, openError).detail };
  port.on('error', () => {});
  const decoder = createSamFrameDecoder();
  const answer = await new Promise<{ reader: true; status: string } | { reader: false; why: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ reader: false, why: `no SAM answer within ${timeoutMs} ms` }), timeoutMs);
    port.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        const reply = event.kind === 'frame' ? parseReply(event.value) : null;
        if (reply) {
          clearTimeout(timer);
          resolve({ reader: true, status: describeStatus(reply.sw) });
        }
      }
    });
    port.write(Buffer.from(encodeCommand('samStatus')));
  });
  await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  return answer;
}
