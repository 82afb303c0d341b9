// Device states at a glance, in words and symbols as well as colour.
import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

const symbol: Record<DeviceStatus['state'], string> = { ready: '●', connecting: '◌', disconnected: '○', error: '⚠' };

export function DeviceBar() {
  const { t, language } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [statuses, setStatuses] = useState<DeviceStatus[]>([]);
  useEffect(() => {
    call('devices.status', {}).then(setStatuses).catch(() => {});
    return bridge.subscribe('devices.status', (status) =>
      setStatuses((list) => [...list.filter((s) => s.kind !== status.kind), status].sort((a, b) => a.kind.localeCompare(b.kind))),
    );
  }, [bridge, call]);
  return (
    <ul className="device-bar">
      {statuses.map((s) => (
        // The driver's detail (a port, an OS error) is English technical text: offered on hover in English only.
        <li key={s.kind} className={`device ${s.state}`} data-device={s.kind} title={language === 'en' ? s.detail : undefined}>
          {symbol[s.state]} {t(s.kind === 'scanner' ? 'deviceScanner' : s.kind === 'thermometer' ? 'deviceThermometer' : 'deviceIdReader')}: {t(`state_${s.state}`)}
          {s.simulated ? ` (${t('simulated')})` : ''}
        </li>
      ))}
    </ul>
  );
}
