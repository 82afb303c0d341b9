// The thermometer's state as the header shows it, for the temperature step: when it is down the handheld input takes
// over at once instead of waiting out a measurement that cannot come (issue 13.5).
import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';

export function useThermometerDown(): boolean {
  const call = useCall();
  const bridge = useBridge();
  const [state, setState] = useState<DeviceStatus['state'] | null>(null);
  useEffect(() => {
    let live = true;
    call('devices.status', {})
      .then((list) => live && setState(list.find((s) => s.kind === 'thermometer')?.state ?? null))
      .catch(() => {});
    const stop = bridge.subscribe('devices.status', (status) => status.kind === 'thermometer' && setState(status.state));
    return () => {
      live = false;
      stop();
    };
  }, [bridge, call]);
  return state === 'disconnected' || state === 'error';
}
