// What one policy version changed from the one before: the settings that differ, each with its old and new value.
import type { Policy } from '../../../../src/common/contract/index.ts';

export interface SettingChange {
  setting: keyof Policy;
  before: Policy[keyof Policy] | undefined;
  after: Policy[keyof Policy];
}

export function policyChanges(before: Policy | null, after: Policy): SettingChange[] {
  return (Object.keys(after) as Array<keyof Policy>)
    .filter((setting) => !before || JSON.stringify(before[setting]) !== JSON.stringify(after[setting]))
    .map((setting) => ({ setting, before: before?.[setting], after: after[setting] }));
}
