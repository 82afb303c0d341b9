// A refused record is worded in the volunteer's language from its code (issue 14: a full disk at the gate).
import { describe, expect, it } from 'vitest';
import { recordFailureText } from '../../../../renderer/features/checkpoint/record-failure.ts';
import { en, zh, type MessageKey } from '../../../../renderer/i18n/messages.ts';

const inZh = (key: MessageKey) => zh[key];
const inEn = (key: MessageKey) => en[key];

describe('recordFailureText', () => {
  it.each([
    ['disk-full', '磁盘已满，此人未登记。请清理磁盘空间（或联系管理员）后重新登记。', /^The disk is full, so this person was NOT recorded/],
    ['storage', '登记记录无法写入，此人未登记。请检查磁盘并联系管理员。', /cannot be written/],
    ['corrupt', '登记数据库已损坏，此人未登记。请先纸笔登记，并立即联系管理员从备份恢复。', /damaged/],
  ])('words %s in the chosen language, not the core\'s English', (code, chinese, english) => {
    const error = { code, message: 'The disk is full, so this entry was NOT recorded. (core text)' };
    expect(recordFailureText(error, inZh)).toBe(chinese);
    expect(recordFailureText(error, inEn)).toMatch(english);
  });

  it('keeps the core\'s message for other refusals (they name what to fix)', () => {
    expect(recordFailureText({ code: 'bad-input', message: 'Invalid input for entries.record: temperature.bodyC: too high' }, inZh)).toBe('Invalid input for entries.record: temperature.bodyC: too high');
    expect(recordFailureText({ message: 'network down' }, inZh)).toBe('network down');
  });
});
