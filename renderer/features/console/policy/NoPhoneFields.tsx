// The policy's no-phone lane (who may pass without a health code on a phone) and households passing together
// (issue 15), for the policy page.
import { NoPhoneBasis, type Policy } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';

interface Props {
  lane: Policy['noPhoneLane'];
  groups: Policy['householdGroups'];
  onLane: (lane: Policy['noPhoneLane']) => void;
  onGroups: (groups: Policy['householdGroups']) => void;
}

export function NoPhoneFields({ lane, groups, onLane, onGroups }: Props) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('field_noPhoneLane')}</legend>
      <label className="check"><input type="checkbox" checked={lane.open} onChange={(e) => onLane({ ...lane, open: e.target.checked })} />{t('policyNoPhoneOpen')}</label>
      <span role="group" aria-label={t('policyNoPhoneFor')} className="checks">
        <span>{t('policyNoPhoneFor')}</span>
        {NoPhoneBasis.options.map((b) => (
          <label key={b} className="check">
            <input type="checkbox" disabled={!lane.open} checked={lane.for.includes(b)} onChange={(e) => onLane({ ...lane, for: e.target.checked ? [...lane.for, b] : lane.for.filter((x) => x !== b) })} />
            {t(`basis_${b.replaceAll('-', '_')}` as MessageKey)}
          </label>
        ))}
      </span>
      <label className="check"><input type="checkbox" checked={groups.refuseAllWhenOneRefused} onChange={(e) => onGroups({ refuseAllWhenOneRefused: e.target.checked })} />{t('groupRefuseAll')}</label>
    </fieldset>
  );
}
