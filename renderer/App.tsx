// The kiosk shell: header with compound, devices and language; the checkpoint beside today's log.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../src/contract/index.ts';
import { useCall } from './api/bridge-context.tsx';
import { CheckpointScreen } from './features/checkpoint/CheckpointScreen.tsx';
import { TodayLog } from './features/log/TodayLog.tsx';
import { DeviceBar } from './features/status/DeviceBar.tsx';
import { SyncBadge } from './features/status/SyncBadge.tsx';
import { useI18n } from './i18n/i18n-context.tsx';

type SystemInfo = MethodOutput<'system.info'>;

export function App() {
  const { t, toggle } = useI18n();
  const call = useCall();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('system.info', {}).then(setInfo, (e: Error) => setError(e.message));
  }, [call]);

  if (error) return <p className="notice technical" role="alert">⚠ {t('serviceDown')}: {error}</p>;
  if (!info) return null;
  return (
    <div className="app">
      <header className="top-bar">
        <h1>
          {info.compoundName} · {t('appTitle')}
        </h1>
        <SyncBadge timeZone={info.timeZone} />
        <DeviceBar />
        <button type="button" className="language" onClick={toggle}>
          {t('language')}
        </button>
      </header>
      <div className="layout">
        <CheckpointScreen info={info} />
        <TodayLog feverLineC={info.policy.feverLineC} timeZone={info.timeZone} />
      </div>
    </div>
  );
}
