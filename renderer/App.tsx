// The kiosk shell and its routes: the checkpoint by default, the manager console at #/console, first-start setup at
// #/setup. On the LAN everything waits for a sign-in.
import { useCallback, useEffect, useState } from 'react';
import { useCall } from './api/bridge-context.tsx';
import { SessionProvider, useSession } from './api/session-context.tsx';
import { go, useRoute } from './api/use-route.ts';
import { GateScreen } from './features/shift/GateScreen.tsx';
import { ConsoleApp } from './features/console/ConsoleApp.tsx';
import { LanBadge } from './features/console/LanBadge.tsx';
import { SignIn } from './features/console/SignIn.tsx';
import { TodayLog } from './features/log/TodayLog.tsx';
import { SetupScreen } from './features/setup/SetupScreen.tsx';
import { DeviceBar } from './features/status/DeviceBar.tsx';
import { SyncBadge } from './features/status/SyncBadge.tsx';
import { WatchBadge } from './features/status/WatchBadge.tsx';
import { useI18n } from './i18n/i18n-context.tsx';
import type { SetupStatus, SystemInfo } from './api/kiosk-info.ts';

function Kiosk({ status }: { status: SetupStatus }) {
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
        {status.needsSetup && (
          <a className="setup-needed" href="#/setup">
            {t('setupNeeded')}
          </a>
        )}
        {status.lan && <LanBadge lan={status.lan} />}
        <SyncBadge timeZone={info.timeZone} />
        <WatchBadge />
        <DeviceBar />
        <a className="to-console" href="#/console">
          {t('toConsole')}
        </a>
        <button type="button" className="language" onClick={toggle}>
          {t('language')}
        </button>
      </header>
      <div className="layout">
        <GateScreen info={info} />
        <TodayLog feverLineC={info.policy.feverLineC} timeZone={info.timeZone} />
      </div>
    </div>
  );
}

function Routes({ status, refresh }: { status: SetupStatus; refresh: () => void }) {
  const route = useRoute();
  const session = useSession();
  if (!session.ready) return null;
  if (route[0] === 'setup' || (route[0] === 'console' && status.needsSetup)) {
    return (
      <SetupScreen
        needsSetup={status.needsSetup}
        onDone={() => {
          refresh();
          go('console');
        }}
      />
    );
  }
  if (session.signInRequired && !session.user) return <SignIn lan />;
  if (route[0] === 'console') return <ConsoleApp status={status} page={route[1] ?? 'log'} sub={route[2]} />;
  return <Kiosk status={status} />;
}

export function App() {
  const { t } = useI18n();
  const call = useCall();
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    call('setup.status', {}).then(setStatus, (e: Error) => setError(e.message));
  }, [call]);
  useEffect(refresh, [refresh]);

  if (error) return <p className="notice technical" role="alert">⚠ {t('serviceDown')}: {error}</p>;
  if (!status) return null;
  return (
    <SessionProvider>
      <Routes status={status} refresh={refresh} />
    </SessionProvider>
  );
}
