// An audit record in words: its action named, its details as labelled values (known values worded), never raw JSON.
import type { MessageKey } from '../../i18n/messages.ts';
import { zh } from '../../i18n/messages.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
const known = (key: string): key is MessageKey => Object.hasOwn(zh, key);
const slug = (text: string) => text.replace(/[.\s-]+/g, '_');

export function actionWords(t: Translate, action: string): string {
  const key = `audit_${slug(action)}`;
  return known(key) ? t(key) : t('audit_other');
}

function valueWords(t: Translate, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => valueWords(t, key, v)).join('、');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${labelWords(t, k)} ${valueWords(t, k, v)}`).join('，');
  if (typeof value === 'boolean') return t(value ? 'yesWord' : 'noWord');
  const text = String(value);
  // Values that are names of things the screen has words for: a policy setting, a role, how someone came in.
  for (const candidate of key === 'changed' ? [`field_${text}`] : [`auditValue_${slug(text)}`, `role_${text}`]) if (known(candidate)) return t(candidate);
  return text;
}

function labelWords(t: Translate, key: string): string {
  const label = `auditKey_${key}`;
  return known(label) ? t(label) : known(`field_${key}`) ? t(`field_${key}` as MessageKey) : key;
}

export function detailWords(t: Translate, detail: Record<string, unknown>): string {
  return Object.entries(detail).map(([k, v]) => `${labelWords(t, k)}：${valueWords(t, k, v)}`).join(' · ');
}
