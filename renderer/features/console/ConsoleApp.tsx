// The manager console: sign-in, then tabs for the log, statistics, the daily report, accounts, the audit log and
// data retention. The day or range chosen carries across tabs.
import { useEffect, useState } from 'react';
import { useSession } from '../../api/session-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { DataPage } from './DataPage.tsx';
import { DevicesPage } from './DevicesPage.tsx';
import { DemoPage } from '../demo/DemoPage.tsx';
import { SampleBanner } from '../demo/SampleBanner.tsx';
import { localDay } from '../../../src/common/local-time.ts';
import type { Filter } from './filter.ts';
import { LanBadge } from './LanBadge.tsx';
import { LogPage } from './log/LogPage.tsx';
import { PolicyPage } from './policy/PolicyPage.tsx';
import { ReportPage } from './report/ReportPage.tsx';
import { RosterPage } from './roster/RosterPage.tsx';
import { SignIn } from './SignIn.tsx';
import { StatsPage } from './stats/StatsPage.tsx';
import { StorageBanner } from './StorageBanner.tsx';
import { useConsoleCall } from './use-console-call.ts';
import './console.css';
import type { SetupStatus, SystemInfo } from '../../api/kiosk-info.ts';

const TABS: Array<[string, MessageKey]> = [
  ['log', 'tabLog'],
  ['stats', 'tabStats'],
  ['report', 'tabReport'],
  ['roster', 'tabRoster'],
  ['accounts', 'tabAccounts'],
  ['audit', 'tabAudit'],
  ['data', 'tabData'],
  ['devices', 'tabDevices'],
  ['policy', 'tabPolicy'],
  ['demo', 'tabDemo'],
];


export function ConsoleApp({ status, page, sub }: { status: SetupStatus; page: string; sub?: string }) {
  const { t, toggle } = useI18n();
  const session = useSession();
  const call = useConsoleCall();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [filter, setFilter] = useState<Filter | null>(null);
  const manager = session.user && session.user.role !== 'volunteer';

  useEffect(() => {
    if (!manager) return;
    call('system.info', {}).then((i) => {
      setInfo(i);
      setFilter((f) => f ?? { from: localDay(new Date(), i.timeZone) });
    }, () => {});
  }, [call, manager]);

  if (!manager) return <SignIn note={session.user ? t('needManager') : undefined} />;
  if (!info || !filter) return null;
  return (
    <div className="console" data-page={page}>
      <header className="console-bar no-print">
        <h1>
          <span translate="no">{status.compoundName}</span> · {t('consoleTitle')}
        </h1>
        <nav>
          {TABS.map(([id, key]) => (
            <a key={id} href={`#/console/${id}`} className={page === id ? 'active' : ''} aria-current={page === id ? 'page' : undefined}>
              {t(key)}
            </a>
          ))}
        </nav>
        {status.lan && <LanBadge lan={status.lan} />}
        <span className="who"><span translate="no">{session.user!.displayName}</span>{t('roleInBrackets', { role: t(`role_${session.user!.role}`) })}</span>
        <button type="button" className="secondary" onClick={() => void session.signOut()}>
          {t('signOut')}
        </button>
        <button type="button" className="language" onClick={toggle}>
          {t('language')}
        </button>
        <a href="#/" className="to-kiosk">
          {t('toKiosk')}
        </a>
      </header>
      <SampleBanner />
      <StorageBanner />
      {page === 'log' && <LogPage info={info} filter={filter} setFilter={setFilter} />}
      {page === 'stats' && <StatsPage info={info} filter={filter} setFilter={setFilter} />}
      {page === 'report' && <ReportPage info={info} status={status} day={filter.from} />}
      {page === 'roster' && <RosterPage tab={sub ?? 'households'} />}
      {page === 'accounts' && <AccountsPage admin={session.user!.role === 'admin'} />}
      {page === 'audit' && <AuditPage info={info} />}
      {page === 'data' && <DataPage />}
      {page === 'devices' && <DevicesPage admin={session.user!.role === 'admin'} />}
      {page === 'policy' && <PolicyPage info={info} />}
      {page === 'demo' && <DemoPage timeZone={info.timeZone} admin={session.user!.role === 'admin'} />}
    </div>
  );
}
