// The console's sample-data page: the demo sheet (fresh codes to scan, each with the gate's answer, printable) and the
// one-step removal before real use.
import { BrowserQRCodeSvgWriter } from '@zxing/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { clockHHMM } from '../../../src/common/local-time.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { go } from '../../api/use-route.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

import { useSampleStatus } from './SampleBanner.tsx';
import './demo.css';

type Sheet = MethodOutput<'demo.sheet'>;
type Code = Sheet['codes'][number];
const ANSWER: Record<Code['expect'], MessageKey> = { green: 'green', yellow: 'yellow', red: 'red', review: 'review', invalid: 'invalid', error: 'couldNotVerify' };

function Qr({ text }: { text: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.replaceChildren(new BrowserQRCodeSvgWriter().write(text, 250, 250));
  }, [text]);
  return <div className="qr" ref={box} data-qr={text} />;
}

export function DemoPage({ timeZone, admin }: { timeZone: string; admin: boolean }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useCall();
  const status = useSampleStatus();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState<string | null>(null);
  const fresh = useCallback(() => {
    setError(null);
    call('demo.sheet', {}).then(setSheet, (e: unknown) => setError(errorText(e)));
  }, [call]);
  // Asked at once, not after demo.status: a kiosk without sample data answers with words saying so.
  useEffect(() => fresh(), [fresh]);

  async function remove() {
    try {
      const { removed: n } = await call('demo.remove', { confirm: 'remove sample data' });
      setRemoved(t('demoRemoved', n));
      setSheet(null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (removed) {
    return (
      <main className="demo-page">
        <p role="status">{removed}</p>
        <button type="button" className="primary" onClick={() => { go('setup'); window.location.reload(); }} autoFocus>{t('setupTitle')}</button>
      </main>
    );
  }
  if (status && !status.sample && !status.training) return <main className="demo-page"><p>{t('demoNone')}</p></main>;
  return (
    <main className="demo-page">
      <h2>{t('demoSheetTitle')}</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      {error && <button type="button" className="secondary" onClick={fresh}>{t('demoRefresh')}</button>}
      {sheet && (
        <>
          <p className="no-print">{t('demoSheetHint', { until: clockHHMM(sheet.validUntil, timeZone) })}</p>
          <p className="no-print"><code>{t('demoSheetCli')}</code></p>
          <div className="no-print">
            <button type="button" className="secondary" onClick={fresh}>{t('demoRefresh')}</button>{' '}
            <button type="button" className="secondary" onClick={() => window.print()}>{t('demoPrint')}</button>
          </div>
          <div className="demo-sheet">
            {sheet.codes.map((code) => (
              <figure key={code.kind} className="demo-code" data-kind={code.kind} data-expect={code.expect}>
                <Qr text={code.text} />
                <figcaption>
                  <strong>{t(`demo_${code.kind}` as MessageKey)}</strong>
                  <br />
                  <span className="answer">{t('demoAnswer', { answer: t(ANSWER[code.expect]) })}</span>
                  <br />
                  {t(`demo_${code.kind}_what` as MessageKey)}
                  {code.person && (<><br />{t('demoHousehold', { household: code.person.household })}</>)}
                </figcaption>
              </figure>
            ))}
          </div>
        </>
      )}
      {status?.training ? (
        <p className="hint">{t('demoTrainingKeep')}</p>
      ) : (
        <section className="demo-remove" aria-label={t('demoRemoveTitle')}>
          <h3>{t('demoRemoveTitle')}</h3>
          <p>{t('demoRemoveHint')}</p>
          {!confirming ? (
            <button type="button" className="secondary" disabled={!admin} onClick={() => setConfirming(true)}>{t('demoRemove')}</button>
          ) : (
            <>
              <button type="button" className="danger" onClick={() => void remove()} autoFocus>{t('demoRemoveSure')}</button>{' '}
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            </>
          )}
        </section>
      )}
    </main>
  );
}
