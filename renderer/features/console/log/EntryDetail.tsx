// One entry with every check and reading. The identity stays masked; revealing it asks why, and the core audits it.
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { reasonKey } from '../../../i18n/reasons.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { HealthFactsDetail, useReasonVars } from './HealthFactsDetail.tsx';

type Detail = MethodOutput<'log.entry'>;
type Revealed = MethodOutput<'log.reveal'>;

/** `data`: the value is as recorded (a name, a household), not a word to translate. */
function Fact({ label, value, data }: { label: string; value: string | number | null | undefined; data?: boolean }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd translate={data ? 'no' : undefined}>{value}</dd>
    </>
  );
}

export function EntryDetail({ id, onClose, timeZone, feverLineC }: { id: string; onClose: () => void; timeZone: string; feverLineC: number }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setRevealed(null);
    call('log.entry', { id }).then(setDetail, (e: unknown) => setError(errorText(e)));
  }, [call, id]);

  async function reveal(event: FormEvent) {
    event.preventDefault();
    try {
      setRevealed(await call('log.reveal', { id, reason }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const at = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone, hour12: false }) : undefined);
  const e = detail?.entry;
  const code = e?.code;
  const vars = useReasonVars(e, feverLineC);
  return (
    <aside className="entry-detail" role="dialog" aria-label={t('detailTitle')}>
      <header>
        <h3>{t('detailTitle')}</h3>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      {error && <p className="form-error" role="alert">{error}</p>}
      {e && code && (
        <>
          <p className={`detail-decision ${e.decision}`}>
            {e.decision === 'pass' ? `✔ ${t('pass')}` : `✖ ${t('refuse')}`} · {at(e.at)} · {e.direction === 'in' ? t('directionIn') : t('directionOut')}
          </p>
          {e.reasons.length > 0 && <p className="detail-reasons">{e.reasons.map((r) => t(reasonKey(r), vars)).join('、')}</p>}
          <dl>
            <Fact data label={t('colName')} value={e.identity.name ?? ('holderName' in code ? code.holderName : undefined)} />
            <Fact data label={t('colId')} value={e.identity.maskedId} />
            <Fact data label={t('colHousehold')} value={detail.row.household} />
            <Fact data label={t('colPlate')} value={detail.row.plate} />
            <Fact label={t('colPerson')} value={detail.row.personKind ? t(`person_${detail.row.personKind}` as MessageKey) : undefined} />
            <Fact label={t('detailHolder')} value={holderWords(t, e)} />
            <Fact label={t('checkCode')} value={t(`codeStatus_${code.status}`)} />
            <Fact label={t('checkSource')} value={code.source ? t(`source_${code.source}` as MessageKey) : undefined} />
            <Fact label={t('checkCheckedAt')} value={at(code.checkedAt)} />
            <Fact label={t('checkExpires')} value={'expiresAt' in code ? at(code.expiresAt) : undefined} />
            <Fact label={t('codeWhyLabel')} value={'reason' in code && code.reason ? t(`codeWhy_${code.reason}` as MessageKey) : undefined} />
            <Fact data label={t('checkManualWhy')} value={e.manualReason} />
            <HealthFactsDetail entry={e} at={at} />
            <Fact label={t('checkTemperature')} value={e.temperature ? `${e.temperature.bodyC.toFixed(1)} °C` : '—'} />
            <Fact label={t('checkObject')} value={e.temperature?.objectC !== undefined ? `${e.temperature.objectC.toFixed(1)} °C` : undefined} />
            <Fact label={t('checkAmbient')} value={e.temperature?.ambientC !== undefined ? `${e.temperature.ambientC.toFixed(1)} °C` : undefined} />
            <Fact label={t('checkTempSource')} value={e.temperature ? t(`tempSource_${e.temperature.source}`) : undefined} />
            <Fact label={t('checkMask')} value={e.maskWorn === null ? '—' : e.maskWorn ? t('yes') : t('no')} />
            <Fact label={t('colLane')} value={e.lane === 'fast' ? t('laneFast') : t('laneStandard')} />
            <Fact data label={t('checkOverride')} value={e.override ? `${e.override.by}: ${e.override.reason}` : undefined} />
            <Fact label={t('checkDuration')} value={e.durationMs ? t('seconds', { n: Math.round(e.durationMs / 100) / 10 }) : undefined} />
            <Fact data label={t('colVolunteer')} value={e.volunteer} />
          </dl>
          {revealed ? (
            <div className="revealed" role="status">
              <h4>{t('revealed')}</h4>
              <dl>
                <Fact data label={t('colName')} value={revealed.name ?? revealed.holderName} />
                <Fact data label={t('colHousehold')} value={revealed.household} />
                <Fact data label={t('colPlate')} value={revealed.plate} />
                <Fact data label={t('revealPhone')} value={revealed.phone} />
                <Fact data label={t('colId')} value={revealed.maskedId} />
              </dl>
              <p className="hint">{t('revealNoFullId')}</p>
            </div>
          ) : (
            <form className="reveal" onSubmit={reveal}>
              <label>
                {t('revealReason')}
                <input value={reason} onChange={(ev) => setReason(ev.target.value)} minLength={4} required />
              </label>
              <button type="submit" className="secondary">
                {t('revealConfirm')}
              </button>
            </form>
          )}
        </>
      )}
    </aside>
  );
}

/** Whose code it was (issue 13.2): the name on the code, and whether it matched the person or the volunteer confirmed it. */
function holderWords(t: ReturnType<typeof useI18n>['t'], e: NonNullable<Detail['entry']>): string | undefined {
  const name = 'holderName' in e.code ? e.code.holderName : undefined;
  if (!name) return undefined;
  if (e.holderCheck === 'confirmed') return t('detailHolderConfirmed', { name });
  if (e.holderCheck === 'same') return t('detailHolderSame', { name });
  return name;
}
