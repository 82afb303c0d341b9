// On every screen while the kiosk holds sample data or is a training kiosk: nobody mistakes it for the real log.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import './demo.css';

type Status = MethodOutput<'demo.status'>;

export function useSampleStatus(): Status | null {
  const call = useCall();
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    call('demo.status', {}).then(setStatus, () => setStatus(null));
  }, [call]);
  return status;
}

export function SampleBanner() {
  const { t } = useI18n();
  const status = useSampleStatus();
  if (!status || (!status.sample && !status.training)) return null;
  return (
    <p className="sample-banner" role="note" data-testid="sample-banner" data-training={status.training || undefined}>
      {status.training ? t('trainingBanner') : t('sampleBanner')}
    </p>
  );
}
