// The code beside the person (issue 16): its colour, the holder's masked name, the test's age in hours, big and
// coloured against the policy's limit, vaccine doses, the travel flag, a cached answer, and the one toggle a volunteer
// needs for a relative's code ("shown on another person's phone", key -). The comparison of holder and person
// belongs to the gate flow; this element only shows the facts and records the volunteer's word.
import './health.css';
import { useMemo } from 'react';
import type { HealthCodeResult, NucleicAcidTest } from '../../../src/common/contract/index.ts';
import { BAND_HOURS, testAgeHours, testStanding } from '../../../src/common/gate-rules/health-requirements.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { clockHHMM } from '../../../src/common/local-time.ts';
import type { CodeRef } from './flow.ts';
import { useKeys } from './use-keys.ts';

type ColourShown = Exclude<HealthCodeResult['status'], 'error'>;

/** The manual path's band as a test fact, so both sources show the same way. */
function testOf(code: CodeRef): { test: NucleicAcidTest | undefined; checkedAt: string } {
  if (code.kind === 'verified') return { test: 'nucleicAcid' in code.result ? code.result.nucleicAcid : undefined, checkedAt: code.result.checkedAt };
  const band = code.kind === 'manual' ? code.testBand : undefined;
  return { test: band && band !== 'none' ? { result: 'negative', band, hoursAgo: BAND_HOURS[band] } : undefined, checkedAt: new Date().toISOString() };
}

export function TestAge({ test, checkedAt, limitHours, asked }: { test: NucleicAcidTest | undefined; checkedAt: string; limitHours: number | null; asked: boolean }) {
  const { t } = useI18n();
  if (!test && !asked && limitHours === null) return null;
  const age = test ? testAgeHours(test, checkedAt, new Date()) : Number.POSITIVE_INFINITY;
  const standing = test?.result === 'positive' ? 'over' : test ? testStanding(age, limitHours) : limitHours === null ? 'no-limit' : 'over';
  const words = !test
    ? t('testAgeNone')
    : test.result === 'positive'
      ? t('testPositive')
      : test.band
        ? t('testAgeWithin', { band: t(`band_${test.band}`) })
        : Number.isFinite(age)
          ? t('testAgeHours', { hours: Math.floor(age) })
          : t('testAgeOlder');
  return (
    <span className={`test-age ${standing}`} data-standing={standing} data-hours={test && Number.isFinite(age) ? Math.floor(age) : ''}>
      <strong>{words}</strong>
      {limitHours !== null && <small>{t('testLimit', { hours: limitHours })}</small>}
    </span>
  );
}

interface Props {
  code: CodeRef;
  limitHours: number | null;
  timeZone: string;
  otherPhone: boolean;
  /** Absent on the result screen: the entry is recorded, the mark is shown as recorded. */
  onToggleOtherPhone?: () => void;
  /** On the result screen: the test age and the marks only, on one line. */
  compact?: boolean;
}

export function CodeFacts({ code, limitHours, timeZone, otherPhone, onToggleOtherPhone, compact = false }: Props) {
  const { t } = useI18n();
  useKeys(useMemo((): Record<string, () => void> => (onToggleOtherPhone ? { '-': onToggleOtherPhone } : {}), [onToggleOtherPhone]));
  const colour: ColourShown = code.kind === 'verified' && code.result.status !== 'error' ? code.result.status : code.kind === 'manual' ? code.colour : 'invalid';
  const result = code.kind === 'verified' && 'source' in code.result && code.result.status !== 'invalid' && code.result.status !== 'error' ? code.result : null;
  const { test, checkedAt } = testOf(code);
  return (
    <div className="code-facts" data-code-colour={colour} data-other-phone={otherPhone ? 'yes' : 'no'}>
      <TestAge test={test} checkedAt={checkedAt} limitHours={limitHours} asked={code.kind === 'manual' && code.testBand !== undefined} />
      <div className="code-details">
        {!compact && <span className={`chip code ${colour}`}>{t(colour)}</span>}
        {!compact && result?.holderName && <span className="holder">{t('holderShown', { name: result.holderName })}</span>}
        {result?.antigen && <span className={`antigen ${result.antigen.result}`}>{t(result.antigen.result === 'negative' ? 'antigenNegative' : 'antigenPositive')}</span>}
        {!compact && result?.vaccination && <span className="doses">{t('dosesShown', { doses: result.vaccination.doses })}</span>}
        {result?.travelFlag && <span className="travel-flag">{t('travelFlagShown')}</span>}
        {result?.cachedFrom && <span className="cached">{t('cachedFrom', { time: clockHHMM(result.cachedFrom, timeZone) })}</span>}
        {onToggleOtherPhone ? (
          <button type="button" className={`other-phone${otherPhone ? ' on' : ''}`} aria-pressed={otherPhone} onClick={onToggleOtherPhone}>
            📱 {t('otherPhone')} <kbd>-</kbd>
          </button>
        ) : (
          otherPhone && <span className="other-phone on">📱 {t('otherPhoneMarked')}</span>
        )}
      </div>
    </div>
  );
}
