// Every value an entry or an audit record can carry has words in both languages: no contract identifier on screen.
import { describe, expect, it } from 'vitest';
import { CodeSource, InvalidReason, TechnicalReason } from '../../../src/common/contract/health-code.ts';
import { PersonKind, TemperatureSource } from '../../../src/common/contract/entries.ts';
import { en, zh, type MessageKey } from '../../../renderer/i18n/messages.ts';
import { actionWords, detailWords } from '../../../renderer/features/console/audit-words.ts';

const t = (key: MessageKey, vars?: Record<string, string | number>) => (vars ? zh[key].replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : zh[key]);
const keys = [
  ...[...InvalidReason.options, ...TechnicalReason.options].map((r) => `codeWhy_${r}`),
  ...CodeSource.options.map((s) => `source_${s}`),
  ...['green', 'yellow', 'red', 'review', 'invalid', 'error'].map((s) => `codeStatus_${s}`),
  ...TemperatureSource.options.map((s) => `tempSource_${s}`),
  ...PersonKind.options.map((k) => `person_${k}`),
];

describe('value words', () => {
  it.each(keys)('%s is worded in both languages', (key) => {
    expect(zh[key as MessageKey]).toMatch(/[\u4e00-\u9fff]/);
    expect(en[key as MessageKey]).toBeTruthy();
  });

  it.each(['sign-in', 'sign-in-failed', 'sign-out', 'account-locked', 'account-created', 'account-changed', 'account-unlocked', 'password-reset', 'export', 'reveal', 'log-search', 'roster-read', 'policy-change', 'override', 'purge', 'setup', 'roster-import', 'device-settings', 'print-cards', 'card-revoked', 'roster.residents.save'])(
    'the audit action %s is a word, not its identifier',
    (action) => expect(actionWords(t, action)).not.toBe(zh.audit_other),
  );

  it('words an audit detail without JSON', () => {
    const words = detailWords(t, { why: 'wrong password', via: 'http-lan', source: 'network', changed: ['feverLineC', 'peakWindows'], version: 3 });
    expect(words).toBe('原因：密码错误 · 途径：局域网 · 来自：网络 · 改动：发热线、高峰时段 · 版本：3');
    expect(detailWords(t, { filter: { from: '2026-12-01', fever: true } })).toBe('筛选：从 2026-12-01，发热 是');
  });
});
