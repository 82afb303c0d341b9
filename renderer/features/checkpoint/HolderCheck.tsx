// The card beside the code: the core compares the card with the code's holder (by ID hash when the code carries one,
// else by the full names it holds) and the screen says whether they are the same person.
import { useEffect, useState } from 'react';
import type { HolderComparison, IdentityRead } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function HolderCheck({ read, checkId }: { read: IdentityRead; checkId: string }) {
  const { t } = useI18n();
  const call = useCall();
  const [comparison, setComparison] = useState<HolderComparison | null>(null);
  useEffect(() => {
    let live = true;
    call('idcard.compare', { readId: read.readId, checkId })
      .then((c) => live && setComparison(c))
      .catch(() => live && setComparison(null));
    return () => {
      live = false;
    };
  }, [call, read.readId, checkId]);
  if (!comparison) return null;
  const key = comparison.agreement === 'same' ? 'holderSame' : comparison.agreement === 'different' ? 'holderDifferent' : 'holderUnknown';
  return (
    <p className={`notice holder-check ${comparison.agreement}`} data-agreement={comparison.agreement} role={comparison.agreement === 'different' ? 'alert' : 'status'}>
      {t(key)}
    </p>
  );
}
