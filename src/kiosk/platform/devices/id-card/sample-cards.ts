// Made-up cards for the simulator, demos and tests: real layout, valid check characters, nobody's real number.
import type { CardText } from './base-info.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The 18th character that makes 17 digits a valid resident ID number. */
export function withCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return first17 + CHECK_CHARS[sum % 11];
}

function card(name: string, sex: '1' | '2', birth: string, serial: string, validFrom: string, validUntil: string, address = '上海市黄浦区幸福里小区3号楼2单元501室'): CardText {
  return { name, sex, nation: '01', birthDate: birth, address, idNumber: withCheckCharacter(`310101${birth}${serial}`), issuedBy: '上海市公安局黄浦分局', validFrom, validUntil };
}

export const SAMPLE_CARDS = {
  /** A working-age resident. */
  wang: card('王小明', '1', '19850312', '123', '20150601', '20350601'),
  /** Someone over 60 with a long-term card. */
  li: card('李秀英', '2', '19520708', '246', '20120101', '长期'),
  /** A child under 14. */
  zhang: card('张乐乐', '1', '20160915', '017', '20210301', '20260301'),
  /** A visitor whose card ran out. */
  zhao: card('赵建国', '1', '19790102', '555', '20040110', '20240110', '北京市朝阳区建国路88号'),
} satisfies Record<string, CardText>;
export type SampleCard = keyof typeof SAMPLE_CARDS;
