// The manager's policy page: every setting of the policy in force, saved as a new version (refused with words saying
// what to fix), and the versions before it with who changed what and when.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CodeSource, OutgoingCheck, type Policy, type PolicyVersion } from '../../../../src/common/contract/index.ts';
import type { SystemInfo } from '../../../api/kiosk-info.ts';
import { wordError } from '../../../i18n/error-text.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { NumberField } from './NumberField.tsx';
import { checkDraft, type DraftIssue } from './policy-check.ts';
import { PolicyHistory } from './PolicyHistory.tsx';
import { HealthRulesEditor, PeakWindowsEditor } from './policy-lists.tsx';
import { NoPhoneFields } from './NoPhoneFields.tsx';
import './policy.css';

export function PolicyPage({ info }: { info: SystemInfo }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useConsoleCall();
  const [current, setCurrent] = useState<PolicyVersion | null>(null);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [history, setHistory] = useState<PolicyVersion[]>([]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(() => {
    void Promise.all([call('policy.get', {}), call('policy.history', { limit: 50 })]).then(([now, past]) => {
      setCurrent(now);
      setDraft(now.policy);
      setHistory(past.versions);
    }, (e: unknown) => setMessage({ ok: false, text: errorText(e) }));
  }, [call, errorText]);
  useEffect(load, [load]);

  const check = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const issues: DraftIssue[] = check && !check.ok ? check.issues : [];
  const words = (issue: DraftIssue) => (issue.sameStartEnd ? `${t('field_end')}：${t('policyWindowSame')}` : wordError(t, { code: 'bad-input', key: 'invalid-input', params: issue.params }));
  const errorAt = (path: string) => {
    const issue = issues.find((i) => i.path === path);
    return issue ? words(issue) : undefined;
  };

  if (!draft || !current) return message ? <p className="form-error" role="alert">{message.text}</p> : null;
  const set = <K extends keyof Policy>(key: K, value: Policy[K]) => (setDraft({ ...draft, [key]: value }), setMessage(null));

  async function save() {
    setTried(true);
    if (!check || !check.ok) return;
    if (JSON.stringify(check.policy) === JSON.stringify(current!.policy)) return setMessage({ ok: true, text: t('policyNothingChanged') });
    try {
      const saved = await call('policy.update', { policy: check.policy, basedOnVersion: current!.version, note: note.trim() || undefined });
      setMessage({ ok: true, text: t('policySaved', { version: saved.version }) });
      setNote('');
      setTried(false);
      load();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  }

  const quota = draft.outingQuota;
  return (
    <main className="policy-page">
      <h2>{t('policyTitle')}</h2>
      <p className="hint" data-testid="policy-in-force">
        {current.version === 0 ? t('policyFromConfig') : t('policyInForce', { version: current.version, by: current.changedBy, at: new Date(current.changedAt).toLocaleString('zh-CN', { timeZone: info.timeZone, hour12: false }) })}
      </p>
      <form className="policy-form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
        <fieldset>
          <legend>{t('policyGroupGate')}</legend>
          <NumberField label={t('field_feverLineC')} unit={t('policyFeverUnit')} inputMode="decimal" value={draft.feverLineC} error={errorAt('feverLineC')} onChange={(n) => set('feverLineC', n)} />
          <NumberField label={t('field_codeFreshnessMinutes')} unit={t('policyMinutesUnit')} value={draft.codeFreshnessMinutes} error={errorAt('codeFreshnessMinutes')} onChange={(n) => set('codeFreshnessMinutes', n)} />
          <NumberField label={t('field_onlineCacheMinutes')} unit={t('policyMinutesUnit')} value={draft.onlineCacheMinutes} error={errorAt('onlineCacheMinutes')} onChange={(n) => set('onlineCacheMinutes', n)} />
          <span role="group" aria-label={t('field_acceptedCodeSources')} className="checks">
            <span>{t('field_acceptedCodeSources')}</span>
            {CodeSource.options.map((s) => (
              <label key={s} className="check"><input type="checkbox" checked={draft.acceptedCodeSources.includes(s)} onChange={(e) => set('acceptedCodeSources', e.target.checked ? [...draft.acceptedCodeSources, s] : draft.acceptedCodeSources.filter((x) => x !== s))} />{t(`source_${s}` as MessageKey)}</label>
            ))}
            {errorAt('acceptedCodeSources') && <span className="field-error" role="alert">{errorAt('acceptedCodeSources')}</span>}
          </span>
          <span role="group" aria-label={t('field_checksOnTheWayOut')} className="checks">
            <span>{t('field_checksOnTheWayOut')}</span>
            {OutgoingCheck.options.map((c) => (
              <label key={c} className="check"><input type="checkbox" checked={draft.checksOnTheWayOut.includes(c)} onChange={(e) => set('checksOnTheWayOut', e.target.checked ? [...draft.checksOnTheWayOut, c] : draft.checksOnTheWayOut.filter((x) => x !== c))} />{t(`check_${c}` as MessageKey)}</label>
            ))}
          </span>
        </fieldset>
        <fieldset>
          <legend>{t('policyGroupPeople')}</legend>
          <label className="check"><input type="checkbox" checked={draft.visitorsAllowed} onChange={(e) => set('visitorsAllowed', e.target.checked)} />{t('field_visitorsAllowed')}</label>
          <label className="check"><input type="checkbox" checked={quota !== null} onChange={(e) => set('outingQuota', e.target.checked ? { members: 1, everyDays: 2, exemptCommuters: true } : null)} />{t('policyQuotaOn')}</label>
          {quota && (
            <>
              <NumberField label={t('field_members')} value={quota.members} error={errorAt('outingQuota.members')} onChange={(n) => set('outingQuota', { ...quota, members: n })} />
              <NumberField label={t('field_everyDays')} value={quota.everyDays} error={errorAt('outingQuota.everyDays')} onChange={(n) => set('outingQuota', { ...quota, everyDays: n })} />
              <label className="check"><input type="checkbox" checked={quota.exemptCommuters} onChange={(e) => set('outingQuota', { ...quota, exemptCommuters: e.target.checked })} />{t('policyQuotaExempt')}</label>
            </>
          )}
        </fieldset>
        <PeakWindowsEditor windows={draft.peakWindows} onChange={(w) => set('peakWindows', w)} errorAt={errorAt} />
        <HealthRulesEditor rules={draft.healthRequirements} onChange={(r) => set('healthRequirements', r)} errorAt={errorAt} />
        <NoPhoneFields lane={draft.noPhoneLane} groups={draft.householdGroups} onLane={(l) => set('noPhoneLane', l)} onGroups={(g) => set('householdGroups', g)} />
        <label className="policy-field policy-note"><span>{t('policyNote')}</span><input aria-label={t('policyNote')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} /></label>
        {tried && issues.length > 0 && (
          <div className="form-error" role="alert" data-testid="policy-problems">
            <p>{t('policyFix', { n: issues.length })}</p>
            <ul>{issues.map((i) => <li key={i.path}>{words(i)}</li>)}</ul>
          </div>
        )}
        <button type="submit" className="primary">{t('policySave')}</button>
        {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'test-ok' : 'form-error'}>{message.text}</p>}
      </form>
      <PolicyHistory versions={history} timeZone={info.timeZone} />
    </main>
  );
}
