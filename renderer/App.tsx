// The kiosk shell and its routes: the checkpoint by default, the manager console at #/console, first-start setup at
// #/setup. On the LAN everything waits for a sign-in.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useCall } from './api/bridge-context.tsx';
import { SessionProvider, useSession } from './api/session-context.tsx';
import { go, useRoute } from './api/use-route.ts';
import { GateScreen } from './features/shift/GateScreen.tsx';
import { LanBadge } from './features/console/LanBadge.tsx';
import { SignIn } from './features/console/SignIn.tsx';
import { TodayLog } from './features/log/TodayLog.tsx';
import { SampleBanner } from './features/demo/SampleBanner.tsx';
import { AccessBar } from './features/access/AccessBar.tsx';
import { DeviceBar } from './features/status/DeviceBar.tsx';
import { SyncBadge } from './features/status/SyncBadge.tsx';
import { WatchBadge } from './features/status/WatchBadge.tsx';
import { useErrorText, useI18n } from './i18n/i18n-context.tsx';
import type { SetupAnswer, SetupStatus, SystemInfo } from './api/kiosk-info.ts';

// The manager console and first-start setup load when opened: the gate's first paint waits for none of their code.
const ConsoleApp = lazy(() => import('./features/console/ConsoleApp.tsx').then((m) => ({ default: m.ConsoleApp })));
const SetupScreen = lazy(() => import('./features/setup/SetupScreen.tsx').then((m) => ({ default: m.SetupScreen })));

function Kiosk({ status }: { status: SetupStatus }) {
  const errorText = useErrorText();
  const { t, toggle } = useI18n();
  const call = useCall();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('system.info', {}).then(setInfo, (e: unknown) => setError(errorText(e)));
  }, [call]);

  if (error) return <p className="notice technical" role="alert">⚠ {t('serviceDown')}: {error}</p>;
  if (!info) return null;
  return (
    <div className="app">
      <header className="top-bar">
        <h1>
          <span translate="no">{info.compoundName}</span> · {t('appTitle')}
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
        <AccessBar />
        <button type="button" className="language" onClick={toggle}>
          {t('language')}
        </button>
      </header>
      <SampleBanner />
      <div className="layout">
        <GateScreen info={info} />
        <TodayLog feverLineC={info.policy.feverLineC} timeZone={info.timeZone} />
      </div>
    </div>
  );
}

function Routes({ status, refresh }: { status: SetupAnswer; refresh: () => void }) {
  const route = useRoute();
  const session = useSession();
  if (!session.ready) return null;
  // On the network nobody can sign in before the first admin exists: the kiosk PC's own browser is shown the setup.
  if (route[0] === 'setup' || (status.needsSetup && (route[0] === 'console' || status.signInRequired))) {
    return (
      <Suspense fallback={null}>
        <SetupScreen
          needsSetup={status.needsSetup}
          onDone={() => {
            refresh();
            go('console');
          }}
        />
      </Suspense>
    );
  }
  // On the network the kiosk says nothing about itself before a sign-in (setup.status answers only that).
  if (status.signInRequired || (session.signInRequired && !session.user)) return <SignIn lan />;
  if (route[0] === 'console') {
    return (
      <Suspense fallback={null}>
        <ConsoleApp status={status} page={route[1] ?? 'log'} sub={route[2]} />
      </Suspense>
    );
  }
  return <Kiosk status={status} />;
}

/** Asks setup.status again whenever the signed-in account changes: a sign-in on the network tells the rest. */
function Shell() {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const session = useSession();
  const [status, setStatus] = useState<SetupAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const userId = session.user?.id ?? null;
  const refresh = useCallback(() => {
    call('setup.status', {}).then(setStatus, (e: unknown) => setError(errorText(e)));
  }, [call]);
  useEffect(() => {
    if (session.ready) refresh();
  }, [refresh, session.ready, userId]);

  if (error) return <p className="notice technical" role="alert">⚠ {t('serviceDown')}: {error}</p>;
  if (!status) return null;
  return <Routes status={status} refresh={refresh} />;
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
