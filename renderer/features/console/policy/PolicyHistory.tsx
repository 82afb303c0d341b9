// The policy's versions, newest first: when, who, the note, and each setting that changed from the version before.
import type { PolicyVersion } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { policyChanges } from './policy-diff.ts';
import { settingWords } from './policy-words.ts';

export function PolicyHistory({ versions, timeZone }: { versions: PolicyVersion[]; timeZone: string }) {
  const { t } = useI18n();
  return (
    <section className="policy-history">
      <h3>{t('policyHistory')}</h3>
      <table className="plain-table" data-testid="policy-history">
        <thead>
          <tr><th>{t('policyColVersion')}</th><th>{t('policyColWhen')}</th><th>{t('policyColWho')}</th><th>{t('policyColNote')}</th><th>{t('policyColChanges')}</th></tr>
        </thead>
        <tbody>
          {versions.map((v, i) => {
            const before = versions[i + 1]?.policy ?? null;
            return (
              <tr key={v.version} data-version={v.version}>
                <td>{v.version}</td>
                <td>{v.changedAt ? new Date(v.changedAt).toLocaleString('zh-CN', { timeZone, hour12: false }) : ''}</td>
                <td translate={v.version === 0 ? undefined : 'no'}>{v.version === 0 ? t('policyInitial') : v.changedBy}</td>
                <td translate="no">{v.version === 0 ? '' : v.note ?? ''}</td>
                <td>
                  {before === null ? t('policyInitial') : (
                    <ul className="changes">
                      {policyChanges(before, v.policy).map((c) => (
                        <li key={c.setting}><strong>{t(`field_${c.setting}` as MessageKey)}</strong>：{settingWords(t, c.setting, c.before)} → {settingWords(t, c.setting, c.after)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
