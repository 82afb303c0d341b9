// The words for a refusal: each reason's message, and what the volunteer tells the person refused.
import type { RefusalReason } from '../../src/common/contract/index.ts';
import type { MessageKey } from './messages.ts';

export const reasonKey = (reason: RefusalReason) => `reason_${reason.replaceAll('-', '_')}` as MessageKey;

/** The words a reason needs: the fever line, the policy's test hours and doses (issue 16). */
export interface ReasonValues {
  line: number;
  hours?: number | null;
  doses?: number;
}
export const reasonVars = (v: ReasonValues) => ({ line: v.line, hours: v.hours ?? '', doses: v.doses ?? '' });

/** What to say, once per kind of advice, in the order the reasons came. */
export function adviceFor(reasons: readonly RefusalReason[]): MessageKey[] {
  const advice = new Set<MessageKey>();
  for (const reason of reasons) {
    // A code that failed its checks, or of a kind not accepted, is no medical matter: scan again or show another code.
    if (reason === 'code-invalid') advice.add('say_code_invalid');
    else if (reason === 'code-format-not-accepted') advice.add('say_code_format');
    else if (reason.startsWith('code-')) advice.add('say_code');
    if (reason === 'fever') advice.add('say_fever');
    if (reason === 'temperature-missing') advice.add('say_temperature');
    if (reason === 'mask-missing') advice.add('say_mask');
    if (reason === 'identity-missing' || reason === 'details-missing') advice.add('say_identity');
    if (reason === 'visitors-not-allowed') advice.add('say_visitors');
    if (reason === 'outing-quota') advice.add('say_quota');
    // Health facts (issue 16); say_test names the sampling point (the screen passes {place}).
    if (reason === 'test-missing' || reason === 'test-too-old') advice.add('say_test');
    if (reason === 'test-positive' || reason === 'antigen-positive') advice.add('say_positive');
    if (reason === 'doses-missing') advice.add('say_doses');
    if (reason === 'travel-flag') advice.add('say_travel');
    if (reason === 'watch-quarantine' || reason === 'watch-household-quarantine') advice.add('say_quarantine');
    if (reason === 'no-phone-not-allowed') advice.add('say_no_phone');
    if (reason === 'group-member-refused') advice.add('say_group');
  }
  return [...advice];
}
