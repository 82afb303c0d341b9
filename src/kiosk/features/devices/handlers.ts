// The devices' calls: a measurement, every device's state, the simulator's person, and the manager's device settings.
import { GateError } from '../../../common/contract/errors.ts';
import { actorOf } from '../../platform/audit/audit-log.ts';
import type { deviceMethods } from '../../../common/contract/methods/devices.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { KioskConfig } from '../../platform/config/kiosk-config.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { KioskDevices } from './kiosk-devices.ts';
import { deviceSettings, saveDeviceSettings, testIdReader, testThermometer } from './settings.ts';

export type DeviceMethod = keyof typeof deviceMethods;

export function deviceHandlers(deps: { devices: KioskDevices; config: KioskConfig; db: Db; dataDir: string; now: () => Date }): HandlersFor<DeviceMethod> {
  const { devices } = deps;
  return {
    'thermometer.measure': ({ timeoutMs }) => devices.measure({ timeoutMs }),
    'devices.status': () => devices.statuses(),
    'sim.thermometer.scenario': ({ scenario }) => {
      if (!devices.setScenario) throw new GateError('forbidden', 'A real thermometer is attached; the simulator cannot be driven.', { key: 'real-thermometer' });
      devices.setScenario(scenario);
      return { scenario };
    },
    'sim.thermometer.plug': ({ plugged }) => {
      if (!devices.setPlugged) throw new GateError('forbidden', 'A real thermometer is attached; unplug its cable instead.', { key: 'real-thermometer' });
      devices.setPlugged(plugged);
      return { plugged };
    },
    'devices.settings.get': () => deviceSettings(deps.config),
    'devices.settings.save': ({ config: raw }, caller) => saveDeviceSettings(deps, raw, actorOf(caller.user)),
    'devices.settings.testRead': ({ thermometer, timeoutMs }) => testThermometer(thermometer, timeoutMs),
    'devices.settings.testIdReader': ({ idReader }) => testIdReader(idReader),
  };
}
