// A vehicle by plate: its household is shown, then each occupant's code is scanned in a row.
import { useState } from 'react';
import { CallError, useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import type { Vehicle } from './flow.ts';

export function PlateStep({ onFound, onBack }: { onFound: (vehicle: Vehicle) => void; onBack: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const [plate, setPlate] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function find() {
    setError(null);
    try {
      const found = await call('roster.vehicles.find', { plate });
      onFound({ plate: found.vehicle.plate, household: found.vehicle.household });
    } catch (e) {
      setError(errorText(e));
      // A plate without its province: the compound's usual one is put in front, and Enter looks that up (issue 13.10).
      if (e instanceof CallError && e.key === 'plate-without-province' && typeof e.params?.suggestion === 'string') setPlate(e.params.suggestion);
    }
  }
  return (
    <section className="step step-plate">
      <h2>🚗 {t('plateStep')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), plate.trim() && void find())}>
        <input className="big-input" autoFocus aria-label={t('plate')} placeholder="京A12345" value={plate} onChange={(e) => setPlate(e.target.value)} maxLength={12} />
        <p className="hint">{t('plateHint')}</p>
        {error && <p className="notice technical" role="alert">⚠ {error}</p>}
        <button type="submit" className="big primary" disabled={plate.trim().length < 2}>
          {t('search')} <kbd>Enter</kbd>
        </button>
      </form>
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}
