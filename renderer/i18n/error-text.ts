// An error the core refused a call with, worded in the chosen language from its key and values (never its English).
import { ErrorCode, type ApiError, type ErrorParams, type IssueRule } from '../../src/common/contract/index.ts';
import { CallError } from '../api/bridge-context.tsx';
import { zh, type MessageKey } from './messages.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Worded = { code: string } & Pick<ApiError, 'key' | 'params'>;

const known = (key: string): key is MessageKey => Object.hasOwn(zh, key);

/** A contract field's name in words: the last part of its path that is not a position (peakWindows.0.start -> start). */
export function fieldName(t: Translate, path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  const last = parts.at(-1) ?? '';
  const whole = `field_${parts.join('_')}`;
  if (known(whole)) return t(whole);
  const key = `field_${last}`;
  return known(key) ? t(key) : last;
}

function words(t: Translate, params: ErrorParams | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const name of ['role', 'needs'] as const) {
    const value = out[name];
    if (typeof value === 'string' && known(`role_${value}`)) out[name] = t(`role_${value}` as MessageKey);
  }
  if (typeof out.who === 'string' && known(`who_${out.who}`)) out.who = t(`who_${out.who}` as MessageKey);
  if (typeof out.field === 'string') out.field = fieldName(t, out.field);
  if (typeof out.rule === 'string' && known(`issue_${out.rule}`)) out.rule = t(`issue_${out.rule as IssueRule}` as MessageKey, { limit: out.limit ?? '' });
  return out;
}

/** The words for one refusal: its key when it has one, else its code alone. */
export function wordError(t: Translate, error: Worded): string {
  if (error.key && known(`error_${error.key}`)) return t(`error_${error.key}` as MessageKey, words(t, error.params));
  const code = ErrorCode.safeParse(error.code);
  return t(`errorCode_${code.success ? code.data : 'internal'}` as MessageKey);
}

/** Whatever a call threw, in words: a CallError by its key, anything else as an unexpected failure. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof CallError) return wordError(t, error);
  return t('errorCode_internal');
}
