// A policy setting's value in words, for the version history ("37.3 °C", "07:00–09:00 周一、周二").
import type { HealthRequirementRule, PeakWindow, Policy } from '../../../../src/common/contract/index.ts';
import type { MessageKey } from '../../../i18n/messages.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const list = (t: Translate, items: string[]) => (items.length ? items.join('、') : t('policyNone'));

export function windowWords(t: Translate, w: PeakWindow): string {
  const days = w.days?.length ? w.days.map((d) => t(`weekday_${d}` as MessageKey)).join('、') : t('policyEveryDay');
  return `${w.start}–${w.end} ${days}`;
}

export function ruleWords(t: Translate, rule: HealthRequirementRule): string {
  const who = [...rule.directions.map((d) => t(d === 'in' ? 'directionIn' : 'directionOut')), ...rule.personKinds.map((k) => t(`person_${k}`))].join('、');
  const test = rule.maxTestAgeHours === null ? t('policyTestNone') : t('policyTestHours', { hours: rule.maxTestAgeHours });
  return t('policyRuleValue', { who, test, doses: rule.minDoses, travel: t(`policyTravel_${rule.travelFlag}`) });
}

export function settingWords(t: Translate, setting: keyof Policy, value: Policy[keyof Policy] | undefined): string {
  if (value === undefined) return '';
  switch (setting) {
    case 'feverLineC':
      return `${value as number} °C`;
    case 'codeFreshnessMinutes':
    case 'onlineCacheMinutes':
      return `${value as number} ${t('policyMinutesUnit')}`;
    case 'visitorsAllowed':
      return t(value ? 'yesWord' : 'noWord');
    case 'acceptedCodeSources':
      return list(t, (value as Policy['acceptedCodeSources']).map((s) => t(`source_${s}` as MessageKey)));
    case 'checksOnTheWayOut':
      return list(t, (value as Policy['checksOnTheWayOut']).map((c) => t(`check_${c}` as MessageKey)));
    case 'outingQuota': {
      const quota = value as Policy['outingQuota'];
      return quota ? t('policyQuotaValue', { members: quota.members, everyDays: quota.everyDays }) : t('policyNoQuota');
    }
    case 'peakWindows':
      return list(t, (value as PeakWindow[]).map((w) => windowWords(t, w)));
    case 'healthRequirements':
      return list(t, (value as HealthRequirementRule[]).map((r) => ruleWords(t, r)));
    // Issue 15: the no-phone lane and households together.
    case 'noPhoneLane': {
      const lane = value as Policy['noPhoneLane'];
      return lane.open ? list(t, lane.for.map((b) => t(`basis_${b.replaceAll('-', '_')}` as MessageKey))) : t('noPhoneLaneShut');
    }
    case 'householdGroups':
      return t((value as Policy['householdGroups']).refuseAllWhenOneRefused ? 'groupRefuseAll' : 'groupRefuseEach');
  }
}
