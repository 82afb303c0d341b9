// What is plugged in, for installers: serial ports and HID-POS scanners, each with a message when the system
// cannot tell (no udev, node-hid not loadable) instead of a crash.
import { SerialPort } from 'serialport';
import { isHidPosScanner, nodeHidBackend, type HidDeviceInfo } from './scanner/hid-pos-scanner.ts';
import type { PortListing } from './serial/supervisor.ts';

export interface DeviceListing {
  serial: { ok: true; ports: Array<PortListing & { manufacturer?: string | undefined }> } | { ok: false; error: string };
  hid: { ok: true; scanners: HidDeviceInfo[]; otherHidCount: number } | { ok: false; error: string };
}

export async function listDevices(): Promise<DeviceListing> {
  const [serial, hid] = await Promise.all([
    SerialPort.list().then(
      (ports) => ({ ok: true as const, ports }),
      (error: Error) => ({
        ok: false as const,
        error: `cannot list serial ports (${error.message}). SerialPort.list needs udev (udevadm); without it, configure the port path directly, e.g. /dev/ttyUSB0`,
      }),
    ),
    nodeHidBackend()
      .then((backend) => backend.devices())
      .then(
        (devices) => ({ ok: true as const, scanners: devices.filter(isHidPosScanner), otherHidCount: devices.filter((d) => !isHidPosScanner(d)).length }),
        (error: Error) => ({
          ok: false as const,
          error: `cannot list HID devices (${error.message}). node-hid needs libudev1 and libusb-1.0-0, and read access to /dev/hidraw* (install resources/udev rules)`,
        }),
      ),
  ]);
  return { serial, hid };
}
