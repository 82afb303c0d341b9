// Revoking a printed resident card: the card number (chosen from a resident or typed from a lost card's print) and a
// reason; the gate refuses the card from the next scan, and the revocation is in the audit log.
import { useState, type FormEvent } from 'react';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { useConsoleCall } from '../use-console-call.ts';

export function RevokeCard({ cardId, onRevoked }: { cardId: string; onRevoked: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useConsoleCall();
  const [card, setCard] = useState(cardId);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function revoke(e: FormEvent) {
    e.preventDefault();
    try {
      const done = await call('roster.cards.revoke', { cardId: card, reason });
      setMessage({ ok: true, text: t(done.alreadyRevoked ? 'cardAlreadyRevoked' : 'cardRevoked', { card: done.cardId }) });
      setReason('');
      onRevoked();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  }

  return (
    <form className="revoke-card" aria-label={t('revokeTitle')} onSubmit={(e) => void revoke(e)}>
      <h3>{t('revokeTitle')}</h3>
      <label>{t('cardId')} <input value={card} onChange={(e) => setCard(e.target.value)} required minLength={3} /></label>
      <label>{t('revokeReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('revokeReasonHint')} required minLength={2} /></label>
      <button type="submit" className="danger" disabled={card.trim().length < 3 || reason.trim().length < 2}>{t('revokeConfirm')}</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'test-ok' : 'form-error'}>{message.text}</p>}
    </form>
  );
}
