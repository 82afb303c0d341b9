// The EU DCC freshness gate, said on the scan screen (issue 16): which material is stale (signer keys, rules,
// revocation list, the clock) and since when, so the volunteer knows before a DCC is scanned. Nothing when DCCs are
// not accepted at this gate or everything is current; checked again every minute.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { clockHHMM, localDay } from '../../../src/common/local-time.ts';

type Status = MethodOutput<'codes.status'>;
const EVERY_MS = 60_000;

export function DccBanner({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const call = useCall();
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => call('codes.status', {}).then((s) => live && setStatus(s)).catch(() => {});
    load();
    const timer = setInterval(load, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [call]);
  const blocks = status?.dcc.accepted ? status.dcc.blocks : [];
  if (blocks.length === 0) return null;
  const when = (iso: string) => `${localDay(new Date(iso), timeZone)} ${clockHHMM(iso, timeZone)}`;
  return (
    <div className="notice technical dcc-banner" role="alert" data-dcc-blocked={blocks.map((b) => b.material).join(' ')}>
      <strong>⚠ {t('dccBlocked')}</strong>
      {blocks.map((b) => (
        <span key={b.material} title={b.detail}>
          {t(`dccMaterial_${b.material.replaceAll('-', '_') as 'signer_keys' | 'rules' | 'revocation_list' | 'clock'}`)}
          {b.since ? ` · ${t('dccSince', { since: when(b.since) })}` : ''}
        </span>
      ))}
      <span>{t('dccBlockedHint')}</span>
    </div>
  );
}
