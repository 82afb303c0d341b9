// The screen words a refusal from its key and values in the chosen language, never from the core's English message.
import { describe, expect, it } from 'vitest';
import { ErrorKey } from '../../../src/common/contract/error-keys.ts';
import { en, zh, type MessageKey } from '../../../renderer/i18n/messages.ts';
import { wordError } from '../../../renderer/i18n/error-text.ts';

const translator = (words: Record<MessageKey, string>) => (key: MessageKey, vars?: Record<string, string | number>) =>
  vars ? words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : words[key];
const tZh = translator(zh);
const tEn = translator(en);

describe('wordError', () => {
  it.each(ErrorKey.options.filter((k) => k !== 'invalid-input'))('%s has words in both languages, Chinese in Chinese', (key) => {
    expect(zh[`error_${key}` as MessageKey]).toMatch(/[\u4e00-\u9fff]/);
    expect(en[`error_${key}` as MessageKey]).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });

  it('words a key with its values', () => {
    const error = { code: 'not-found', message: 'Plate A12345 is not on the roster.', key: 'plate-not-on-roster' as const, params: { plate: 'A12345' } };
    expect(wordError(tZh, error)).toBe('车牌 A12345 不在登记名单中。请让车上每个人下车，按住户或访客逐一登记。');
    expect(wordError(tEn, error)).toContain('Plate A12345 is not on the roster');
  });

  it('words the wrong password and the ID checksum in Chinese', () => {
    expect(wordError(tZh, { code: 'forbidden', key: 'wrong-credentials' })).toBe('用户名或密码不正确。');
    expect(wordError(tZh, { code: 'bad-input', key: 'id-checksum' })).toContain('校验不通过');
  });

  it('names roles, fields and rules in the chosen language', () => {
    expect(wordError(tZh, { code: 'forbidden', key: 'role-cannot-do', params: { role: 'volunteer', needs: 'manager' } })).toBe('志愿者账号不能进行此操作，需要管理员。');
    expect(wordError(tZh, { code: 'bad-input', key: 'invalid-input', params: { field: 'policy.feverLineC', rule: 'too-big', limit: 39 } })).toBe('发热线：不能大于 39');
    expect(wordError(tEn, { code: 'bad-input', key: 'invalid-input', params: { field: 'policy.feverLineC', rule: 'too-big', limit: 39 } })).toBe('Fever line: must be at most 39');
  });

  it('words an error without a key by its code, never by its English message', () => {
    expect(wordError(tZh, { code: 'conflict' })).toBe('数据已被修改，请刷新后再试。');
    expect(wordError(tZh, { code: 'nonsense' })).toBe(zh.errorCode_internal);
  });
});
