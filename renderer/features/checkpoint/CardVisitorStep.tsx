// A visitor's details from their ID card (issue 15): name and masked ID come from the card (and its keyed hash goes
// into the record), the volunteer adds the phone, the household visited and why.
import { useState } from 'react';
import type { IdentityRead } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { PersonRef } from './flow.ts';
import { IdentityCard } from './IdentityCard.tsx';

export function CardVisitorStep({ read, onChosen, onBack }: { read: IdentityRead; onChosen: (person: PersonRef) => void; onBack: () => void }) {
  const { t } = useI18n();
  const call = useCall();
  const [form, setForm] = useState({ phone: '', household: '', purpose: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const ready = form.phone.trim() && form.household.trim() && form.purpose.trim();

  async function register() {
    setError(null);
    try {
      const visitor = await call('idcard.visitor.register', { readId: read.readId, ...(read.visitor ? { id: read.visitor.id } : {}), phone: form.phone, household: form.household, purpose: form.purpose });
      onChosen({ kind: 'visitor', visitorId: visitor.id, name: visitor.name, household: visitor.lastHousehold });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="step step-visitor step-card-visitor">
      <h2>👤 {t('visitorFromCard')}</h2>
      <IdentityCard read={read} />
      <form className="visitor-form" onSubmit={(e) => (e.preventDefault(), ready && void register())}>
        <label>
          {t('visitorPhone')}
          <input autoFocus inputMode="tel" value={form.phone} onChange={set('phone')} maxLength={20} />
        </label>
        <label>
          {t('visitorHousehold')}
          <input value={form.household} onChange={set('household')} placeholder={read.visitor?.lastHousehold ?? '3-2-501'} maxLength={40} />
        </label>
        <label>
          {t('visitorPurpose')}
          <input value={form.purpose} onChange={set('purpose')} maxLength={100} />
        </label>
        <button type="submit" className="big primary" disabled={!ready}>
          {t('visitorSave')} <kbd>Enter</kbd>
        </button>
      </form>
      {error && <p className="notice technical" role="alert">⚠ {error}</p>}
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}
