// An entry's health facts for the manager (issue 16): the test and its age, antigen, doses, travel flag, a cached
// online answer, a code shown on another person's phone, warnings, and the DCC rules a certificate failed. The words
// of a refusal name the limits of the policy version the entry was decided under.
import '../../checkpoint/health.css';
import { useEffect, useState } from 'react';
import type { Entry, PolicyVersion } from '../../../../src/common/contract/index.ts';
import { requirementFor } from '../../../../src/common/gate-rules/health-requirements.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { reasonVars } from '../../../i18n/reasons.ts';
import { useConsoleCall } from '../use-console-call.ts';

const NEEDS_LIMITS = new Set(['test-too-old', 'doses-missing']);

/** The words' values for an entry's reasons, from the policy version it was decided under (fetched only when needed). */
export function useReasonVars(entry: Entry | undefined, feverLineC: number) {
  const call = useConsoleCall();
  const [versions, setVersions] = useState<PolicyVersion[] | null>(null);
  const needed = entry?.reasons.some((r) => NEEDS_LIMITS.has(r)) ?? false;
  useEffect(() => {
    if (needed && versions === null) call('policy.history', { limit: 500 }).then((r) => setVersions(r.versions), () => setVersions([]));
  }, [call, needed, versions]);
  const policy = versions?.find((v) => v.version === entry?.policyVersion)?.policy;
  const requirement = policy && entry ? requirementFor(policy.healthRequirements, entry.direction, entry.person?.kind ?? 'unknown') : null;
  return reasonVars({ line: policy?.feverLineC ?? feverLineC, hours: requirement?.maxTestAgeHours ?? null, doses: requirement?.minDoses });
}

export function HealthFactsDetail({ entry, at }: { entry: Entry; at: (iso: string | undefined) => string | undefined }) {
  const { t, language } = useI18n();
  const code = entry.code;
  const rows: Array<[string, string]> = [];
  if (code.status !== 'invalid' && code.status !== 'error') {
    const test = code.nucleicAcid;
    if (test) {
      const age = test.band ? t(`band_${test.band}`) : test.hoursAgo === null ? t('testAgeOlder') : t('testAgeHours', { hours: test.hoursAgo });
      rows.push([t('checkTest'), `${test.result === 'positive' ? t('testPositive') : age}${test.sampledAt ? ` (${at(test.sampledAt)})` : ''}`]);
    }
    if (code.antigen) rows.push([t('checkAntigen'), t(code.antigen.result === 'negative' ? 'antigenNegative' : 'antigenPositive')]);
    if (code.vaccination) rows.push([t('checkDoses'), `${t('dosesShown', { doses: code.vaccination.doses })}${code.vaccination.lastDoseOn ? ` (${code.vaccination.lastDoseOn})` : ''}`]);
    if (code.travelFlag !== undefined) rows.push([t('checkTravel'), code.travelFlag ? t('travelFlagShown') : t('no')]);
    if (code.refreshedAt) rows.push([t('checkRefreshed'), at(code.refreshedAt) ?? '']);
    if (code.cachedFrom) rows.push([t('checkCached'), at(code.cachedFrom) ?? '']);
  }
  if (entry.codeOnOtherPhone) rows.push([t('checkOtherPhone'), t('otherPhoneMarked')]);
  for (const w of entry.warnings ?? []) rows.push([t('checkWarning'), t(`warning_${w.replaceAll('-', '_') as 'travel_flag'}`)]);
  if (code.status === 'invalid') for (const r of code.failedRules ?? []) rows.push([`${t('failedRules')} ${r.id}`, language === 'zh' && r.descriptionZh ? r.descriptionZh : r.description]);
  return (
    <>
      {rows.map(([label, value]) => (
        <div className="health-fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </>
  );
}
