// The hand-over: the shift's summary, confirmed by the outgoing volunteer's PIN and the incoming one's name and PIN.
import { useEffect, useState } from 'react';
import { useCancelKeys } from '../checkpoint/use-cancel.ts';
import type { ShiftSummary } from '../../../src/common/contract/shifts.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { flushProgress, type FlushProgress } from '../../../src/common/flush-progress.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { reasonKey } from '../../i18n/reasons.ts';
import type { MethodOutput, RefusalReason } from '../../../src/common/contract/index.ts';
import { clockHHMM, clockHHMMSS } from '../../../src/common/local-time.ts';

export function HandOverScreen({ feverLineC, timeZone, onDone, onCancel }: { feverLineC: number; timeZone: string; onDone: (message: string) => void; onCancel: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  // Esc goes back to the gate, as everywhere at the checkpoint (issue 13.1).
  useCancelKeys(onCancel, true);
  const [summary, setSummary] = useState<ShiftSummary | null>(null);
  const [form, setForm] = useState({ outgoingPin: '', incomingName: '', incomingPin: '' });
  const [error, setError] = useState<string | null>(null);
  const [flush, setFlush] = useState<MethodOutput<'sync.flush'> | 'flushing'>('flushing');
  // A big backlog takes a while: each uploaded batch moves the figure (issue 19).
  const bridge = useBridge();
  const [progress, setProgress] = useState<FlushProgress | null>(null);
  useEffect(() => {
    call('sync.status', {}).then((status) => setProgress((p) => p ?? flushProgress(null, status.waiting)), () => {});
    return bridge.subscribe('sync.status', (status) => setProgress((p) => flushProgress(p, status.waiting)));
  }, [bridge, call]);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  useEffect(() => {
    call('shifts.summary', {}).then(setSummary, (e: unknown) => setError(errorText(e)));
    // The hand-over is when the shift's log goes up: upload everything now and say up to when the registry has it.
    call('sync.flush', { timeoutMs: 15_000 }).then(setFlush, (e: unknown) => setFlush({ complete: false, waiting: 0, oldestWaitingAt: null, why: 'registry-error', reason: errorText(e), message: errorText(e) }));
  }, [call]);
  const clock = (iso: string) => clockHHMM(iso, timeZone);
  const time = (iso: string) => clockHHMMSS(iso, timeZone);

  async function handOver(close: boolean) {
    setError(null);
    try {
      const done = await call('shifts.handOver', { outgoingPin: form.outgoingPin, incoming: close ? null : { name: form.incomingName, pin: form.incomingPin } });
      onDone(done.started ? t('handedOver', { name: done.started.volunteer }) : t('closed'));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <main className="checkpoint" data-step="hand-over">
      <section className="step step-hand-over">
        <h2>🤝 {t('handOverTitle')}</h2>
        {summary && (
          <div className="summary" data-testid="hand-over-summary">
            <p className="summary-who">
              {t('onDuty', { name: summary.volunteer })} · {time(summary.from)}–{time(summary.to)}
            </p>
            <ul className="summary-figures">
              <li className="pass">✔ {t('handOverPasses', { n: summary.passes })}</li>
              <li className="refuse">✖ {t('handOverRefusals', { n: summary.refusals })}</li>
              <li>🌡 {t('handOverFevers', { n: summary.fevers })}</li>
              <li>👤 {t('handOverVisitors', { n: summary.visitors })}</li>
              <li>🔑 {t('handOverOverrides', { n: summary.overrides })}</li>
              <li>⇪ {t('handOverNotUploaded', { n: summary.notUploaded })}</li>
            </ul>
            {flush === 'flushing' && progress && progress.total > 0 && (
              <progress className="flush-progress" max={progress.total} value={progress.sent} data-sent={progress.sent} data-total={progress.total} />
            )}
            <p className={`flush ${flush === 'flushing' ? 'busy' : flush.complete ? 'complete' : 'waiting'}`} data-testid="hand-over-flush" role="status">
              {flush === 'flushing'
                ? `⇪ ${t('flushing')}${progress && progress.total > 0 ? ` ${t('flushProgress', { sent: progress.sent.toLocaleString(), total: progress.total.toLocaleString(), percent: progress.percent })}` : ''}`
                : flush.complete
                  ? `✔ ${t('flushComplete', { time: clock(flush.upTo) })}`
                  : flush.why === 'registry-problems'
                    ? `⚠ ${t('flushRegistryProblems', { n: flush.problems?.length ?? 0 })}`
                    : `⚠ ${t('flushWaiting', { n: flush.waiting })} ${flush.why === 'sample-data' ? t('flushSampleData') : flush.why === 'not-enrolled' ? t('flushNotEnrolled') : flush.why === 'timeout' ? t('flushTimeout') : t('flushRegistryError')}`}
            </p>
            <ul className="summary-reasons">
              {Object.entries(summary.refusalsByReason).map(([reason, n]) => (
                <li key={reason}>
                  {t(reasonKey(reason as RefusalReason), { line: feverLineC })}: {n}
                </li>
              ))}
            </ul>
          </div>
        )}
        <form className="visitor-form" onSubmit={(e) => (e.preventDefault(), void handOver(false))}>
          <label>
            {t('handOverOutgoingPin')}
            <input autoFocus type="password" inputMode="numeric" value={form.outgoingPin} onChange={set('outgoingPin')} maxLength={8} autoComplete="off" />
          </label>
          <label>
            {t('handOverIncomingName')}
            <input value={form.incomingName} onChange={set('incomingName')} maxLength={60} autoComplete="off" />
          </label>
          <label>
            {t('handOverIncomingPin')}
            <input type="password" inputMode="numeric" value={form.incomingPin} onChange={set('incomingPin')} maxLength={8} autoComplete="off" />
          </label>
          {error && <p className="notice technical" role="alert">⚠ {error}</p>}
          <button type="submit" className="big primary" disabled={!form.outgoingPin || !form.incomingName || !form.incomingPin}>
            {t('handOverConfirm')} <kbd>Enter</kbd>
          </button>
        </form>
        <div className="choices">
          <button type="button" className="secondary" disabled={!form.outgoingPin} onClick={() => void handOver(true)}>
            {t('handOverClose')}
          </button>
          <button type="button" className="link" onClick={onCancel}>
            {t('back')} <kbd>Esc</kbd>
          </button>
        </div>
      </section>
    </main>
  );
}
