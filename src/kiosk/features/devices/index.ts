// The scanner and thermometer as the kiosk uses them, and the manager's device settings.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { KioskConfig } from '../../platform/config/kiosk-config.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { deviceHandlers, type DeviceMethod } from './handlers.ts';
import type { KioskDevices } from './kiosk-devices.ts';

export type { DeviceMethod } from './handlers.ts';

export { openKioskDevices, type KioskDevices } from './kiosk-devices.ts';

export interface DevicesFeature {
  handlers: HandlersFor<DeviceMethod>;
  stop(): Promise<void>;
}

export function createDevicesFeature(deps: { devices: KioskDevices; config: KioskConfig; db: Db; dataDir: string; now: () => Date }): DevicesFeature {
  return { handlers: deviceHandlers(deps), stop: () => deps.devices.close() };
}
