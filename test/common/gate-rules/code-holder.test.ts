import { describe, expect, it } from 'vitest';
import { holderAgreement } from '../../../src/common/gate-rules/code-holder.ts';

describe('is the code holder the person chosen', () => {
  it.each([
    ['张*', '张*', 'same'],
    ['张*', '李*', 'different'],
    ['张*丰', '张*丰', 'same'],
    ['张*丰', '张*明', 'different'],
    ['张*', '张*丰', 'same'],
    ['张三', '张三', 'same'],
    ['张三', '张四', 'different'],
    ['S***h', 's***h', 'same'],
    ['S***h', 'J***s', 'different'],
    ['*', '李*', 'unknown'],
    [undefined, '李*', 'unknown'],
    ['张*', null, 'unknown'],
    ['', '李*', 'unknown'],
  ] as const)('%s beside %s: %s', (holder, person, expected) => {
    expect(holderAgreement(holder, person)).toBe(expected);
  });
});
