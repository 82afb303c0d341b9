// What the volunteer must know between people (issue 13.1): the last one was not recorded, or the next one has
// already scanned and waits (started on Enter or by cancelling the current one).
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { FlowState } from './flow.ts';

export function FlowNotice({ state }: { state: FlowState }) {
  const { t } = useI18n();
  const stepName = state.step.name;
  if (state.waitingScan && stepName !== 'scan' && stepName !== 'verifying') {
    return (
      <p className="flow-notice waiting" role="status" data-testid="waiting-scan">
        ▦ {stepName === 'result' || stepName === 'failed' ? t('waitingScanNext') : `${t('waitingScanPrompt')} ${t('waitingScanCancel')}`}
      </p>
    );
  }
  if (state.notice && stepName === 'scan') {
    return (
      <p className="flow-notice" role="status" data-testid="flow-notice">
        {t(state.notice === 'own-code' ? 'ownCodeNotice' : 'cancelledNotice')}
      </p>
    );
  }
  return null;
}
