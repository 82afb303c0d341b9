// The big way back on every step: nothing about this person is recorded.
import { useI18n } from '../../i18n/i18n-context.tsx';

export function CancelButton({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="big secondary cancel-person" data-testid="cancel" onClick={onCancel}>
      ✕ {t('cancelPerson')} <kbd>Esc</kbd>
    </button>
  );
}
