// Printed resident cards: pick residents, the core signs each card with the compound's key, the page draws the QR
// codes (alphanumeric GK1 text) and prints them eight to an A4 sheet.
import { BrowserQRCodeSvgWriter } from '@zxing/browser';
import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../src/common/contract/index.ts';
import type { Resident } from '../../../../src/common/contract/roster.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { useConsoleCall } from '../use-console-call.ts';
import { RevokeCard } from './RevokeCard.tsx';

type Cards = MethodOutput<'roster.cards'>;

function Qr({ text }: { text: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const svg = new BrowserQRCodeSvgWriter().write(text, 180, 180);
    box.current?.replaceChildren(svg);
  }, [text]);
  return <div className="qr" ref={box} />;
}

export function CardsPage() {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [residents, setResidents] = useState<Resident[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [cards, setCards] = useState<Cards | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState('');
  const load = () => void call('roster.residents.list', { limit: 5000 }).then((r) => setResidents(r.residents), (e: unknown) => setError(errorText(e)));
  useEffect(load, [call]);

  const toggle = (id: string) => setChosen((old) => {
    const next = new Set(old);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section className="cards-page">
      <div className="no-print">
        <p className="notice card-proves" role="note">{t('cardProves')}</p>
        {error && <p className="form-error" role="alert">{error}</p>}
        <ul className="pick-list">
          {residents.map((r) => (
            <li key={r.id}>
              <label><input type="checkbox" checked={chosen.has(r.id)} onChange={() => toggle(r.id)} /> <span translate="no">{r.household} {r.name} {r.cardId ?? ''}</span></label>
              {r.cardId && <button type="button" className="secondary small" onClick={() => setRevoking(r.cardId!)} aria-label={t('revokeCardOf', { card: r.cardId })}>{t('revokeShort')}</button>}
            </li>
          ))}
        </ul>
        {/* A new card chosen is a new form (keyed), already holding its number when it appears. */}
        <RevokeCard key={revoking} cardId={revoking} onRevoked={load} />
        <button type="button" className="primary" disabled={chosen.size === 0} onClick={() => void call('roster.cards', { residentIds: [...chosen] }).then(setCards, (e: unknown) => setError(errorText(e)))}>{t('makeCards')}</button>
        {cards && <button type="button" className="secondary" onClick={() => window.print()}>{t('print')}</button>}
      </div>
      {cards && (
        <div className="card-sheet">
          {cards.cards.map((c) => (
            <figure key={c.cardId} className="resident-card" data-card-id={c.cardId}>
              <Qr text={c.code} />
              <figcaption>
                <strong>{c.name}</strong> {c.household}
                <br />
                {cards.issuer} · {c.cardId} · {t('validUntil')} {c.validUntil.slice(0, 10)}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
