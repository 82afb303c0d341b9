// "Ask identity, record details" for a visitor: the phone number first, so a returning visitor's name and ID are not
// retyped (the gate sees them masked and keeps the ones on file); then the household visited and the purpose, asked
// at every visit.
import { useState } from 'react';
import type { Visitor } from '../../../src/common/contract/roster.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import type { PersonRef } from './flow.ts';

export function VisitorStep({ suggestedName, onChosen, onBack }: { suggestedName?: string; onChosen: (person: PersonRef) => void; onBack: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const [phone, setPhone] = useState('');
  const [looked, setLooked] = useState(false);
  const [returning, setReturning] = useState<Visitor | null>(null);
  const [form, setForm] = useState({ name: '', idNumber: '', household: '', purpose: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  async function lookUp() {
    setError(null);
    try {
      const { visitor } = await call('roster.visitors.find', { phone });
      setReturning(visitor);
      setLooked(true);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function register() {
    setError(null);
    try {
      const visitor = await call('roster.visitors.register', {
        ...(returning ? { id: returning.id } : {}),
        ...(form.name.trim() ? { name: form.name } : {}),
        phone,
        ...(form.idNumber.trim() ? { idNumber: form.idNumber } : {}),
        household: form.household,
        purpose: form.purpose,
      });
      onChosen({ kind: 'visitor', visitorId: visitor.id, name: visitor.name, household: visitor.lastHousehold });
    } catch (e) {
      setError(errorText(e));
    }
  }

  const ready = (returning || form.name.trim()) && form.household.trim() && form.purpose.trim();
  return (
    <section className="step step-visitor">
      <h2>👤 {t('visitorChoice')}</h2>
      {!looked ? (
        <form onSubmit={(e) => (e.preventDefault(), phone.trim() && void lookUp())}>
          <input className="big-input" autoFocus inputMode="tel" aria-label={t('visitorPhone')} placeholder={t('visitorPhone')} value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
          <p className="hint">{t('visitorPhoneHint')}</p>
          <button type="submit" className="big primary" disabled={!phone.trim()}>
            {t('next')} <kbd>Enter</kbd>
          </button>
        </form>
      ) : (
        <form className="visitor-form" onSubmit={(e) => (e.preventDefault(), ready && void register())}>
          {returning && (
            <p className="notice returning" role="status">
              ↺ {t('returningVisitor')} · {returning.name} · {t('visits', { n: returning.visits })} · {returning.maskedPhone} {returning.maskedId ?? ''}
            </p>
          )}
          <label>
            {returning ? t('visitorNameKeep') : t('visitorName')}
            <input autoFocus={!returning} value={form.name} onChange={set('name')} placeholder={returning?.name} maxLength={60} />
          </label>
          {!returning && suggestedName && <p className="hint">{t('nameOnCode', { name: suggestedName })}</p>}
          {!returning?.maskedId && (
            <label>
              {t('visitorId')}
              <input value={form.idNumber} onChange={set('idNumber')} maxLength={32} />
            </label>
          )}
          <label>
            {t('visitorHousehold')}
            <input autoFocus={Boolean(returning)} value={form.household} onChange={set('household')} placeholder="3-2-501" maxLength={40} />
          </label>
          {returning?.lastHousehold && <p className="hint">{t('visitorLastHousehold', { household: returning.lastHousehold })}</p>}
          <label>
            {t('visitorPurpose')}
            <input value={form.purpose} onChange={set('purpose')} maxLength={100} />
          </label>
          <button type="submit" className="big primary" disabled={!ready}>
            {returning ? t('useDetails') : t('visitorSave')} <kbd>Enter</kbd>
          </button>
        </form>
      )}
      {error && <p className="notice technical" role="alert">⚠ {error}</p>}
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}
