// The words an export speaks, in the manager's language (the screen's words live in the renderer, which the core may
// not import). Every code has its word: the types insist on each value of each enum, in both languages.
import type { Decision, Direction, Lane, PersonKind, RefusalReason } from '../../../common/contract/entries.ts';
import type { z } from 'zod';
import type { CodeSource, HealthCodeStatus } from '../../../common/contract/health-code.ts';

export type ExportLanguage = 'zh' | 'en';

export interface ExportWords {
  columns: Record<'time' | 'direction' | 'lane' | 'name' | 'maskedId' | 'person' | 'household' | 'plate' | 'code' | 'codeSource' | 'bodyC' | 'mask' | 'decision' | 'reasons' | 'volunteer' | 'override' | 'exportedBy' | 'exportedAt', string>;
  direction: Record<Direction, string>;
  lane: Record<Lane, string>;
  person: Record<PersonKind, string>;
  code: Record<HealthCodeStatus, string>;
  codeSource: Record<z.infer<typeof CodeSource>, string>;
  decision: Record<Decision, string>;
  reason: Record<RefusalReason, string>;
  mask: { worn: string; missing: string };
  overridden: string;
  /** Joins several reasons in one cell. */
  reasonSeparator: string;
  /** The title line: who exported what and when. */
  title: (who: string, at: string, filter: string) => string;
  page: string;
}

const zh: ExportWords = {
  columns: {
    time: '时间', direction: '方向', lane: '通道', name: '姓名', maskedId: '证件（脱敏）', person: '类别', household: '门牌', plate: '车牌',
    code: '健康码', codeSource: '码来源', bodyC: '体温（°C）', mask: '口罩', decision: '结果', reasons: '原因', volunteer: '值班',
    override: '特批放行', exportedBy: '导出人', exportedAt: '导出时间',
  },
  direction: { in: '进', out: '出' },
  lane: { standard: '普通通道', fast: '快速通道' },
  person: { resident: '住户', commuter: '通勤住户', visitor: '访客', unknown: '未识别' },
  code: { green: '绿码', yellow: '黄码', red: '红码', review: '审核中', invalid: '无效', error: '未能核验' },
  codeSource: { online: '在线核验', 'offline-signed': '离线签名码', dcc: '欧盟数字证书', 'resident-card': '住户卡', manual: '人工登记', 'district-list': '区状态名单（无手机）' },
  decision: { pass: '通行', refuse: '拒绝' },
  reason: {
    'code-red': '红码', 'code-yellow': '黄码', 'code-review': '健康码审核中', 'code-invalid': '健康码无效', 'code-not-verified': '健康码未能核验',
    fever: '发热', 'temperature-missing': '未测体温', 'mask-missing': '未戴口罩', 'identity-missing': '未登记身份', 'details-missing': '未登记信息',
    'code-stale': '健康码未及时更新', 'code-format-not-accepted': '不接受此类健康码', 'visitors-not-allowed': '暂停访客进入', 'outing-quota': '本户外出名额已用完',
    'test-missing': '无核酸检测结果', 'test-too-old': '核酸超时', 'test-positive': '核酸阳性', 'antigen-positive': '抗原阳性', 'doses-missing': '疫苗接种不足',
    'travel-flag': '到过中高风险地区', 'watch-quarantine': '居家隔离期间', 'watch-household-quarantine': '本户居家隔离中',
    'no-phone-not-allowed': '不符合无手机通道条件', 'group-member-refused': '同行人员有人未通过',
  },
  mask: { worn: '已戴', missing: '未戴' },
  overridden: '是',
  reasonSeparator: '、',
  title: (who, at, filter) => `导出人 ${who} · 导出时间 ${at} · ${filter}`,
  page: '第 &P 页，共 &N 页',
};

const en: ExportWords = {
  columns: {
    time: 'Time', direction: 'Direction', lane: 'Lane', name: 'Name', maskedId: 'ID (masked)', person: 'Person', household: 'Household', plate: 'Plate',
    code: 'Health code', codeSource: 'Code source', bodyC: 'Temperature (°C)', mask: 'Mask', decision: 'Decision', reasons: 'Reasons', volunteer: 'Volunteer',
    override: 'Overridden', exportedBy: 'Exported by', exportedAt: 'Exported at',
  },
  direction: { in: 'In', out: 'Out' },
  lane: { standard: 'Standard', fast: 'Fast lane' },
  person: { resident: 'Resident', commuter: 'Commuter', visitor: 'Visitor', unknown: 'Not identified' },
  code: { green: 'Green', yellow: 'Yellow', red: 'Red', review: 'Under review', invalid: 'Invalid', error: 'Could not verify' },
  codeSource: { online: 'Online check', 'offline-signed': 'Offline signed code', dcc: 'EU DCC', 'resident-card': 'Resident card', manual: 'Recorded by hand', 'district-list': 'District status list (no phone)' },
  decision: { pass: 'Passed', refuse: 'Refused' },
  reason: {
    'code-red': 'Red code', 'code-yellow': 'Yellow code', 'code-review': 'Code under review', 'code-invalid': 'Invalid code', 'code-not-verified': 'Code could not be verified',
    fever: 'Fever', 'temperature-missing': 'No temperature', 'mask-missing': 'No mask', 'identity-missing': 'Identity not recorded', 'details-missing': 'Details not recorded',
    'code-stale': 'Code not refreshed', 'code-format-not-accepted': 'Code kind not accepted', 'visitors-not-allowed': 'No visitors at present', 'outing-quota': "Household's outings used up",
    'test-missing': 'No nucleic-acid test', 'test-too-old': 'Test too old', 'test-positive': 'Positive nucleic-acid test', 'antigen-positive': 'Positive antigen test', 'doses-missing': 'Too few vaccine doses',
    'travel-flag': 'Medium/high-risk area visited', 'watch-quarantine': 'Under home quarantine', 'watch-household-quarantine': 'Household under home quarantine',
    'no-phone-not-allowed': 'Not eligible for the no-phone lane', 'group-member-refused': 'A member of the group was refused',
  },
  mask: { worn: 'Worn', missing: 'Missing' },
  overridden: 'Yes',
  reasonSeparator: '; ',
  title: (who, at, filter) => `Exported by ${who} at ${at} · ${filter}`,
  page: 'Page &P of &N',
};

export const EXPORT_WORDS: Record<ExportLanguage, ExportWords> = { zh, en };

/** A code's word, or the code itself when a newer kiosk wrote a value this one does not know. */
export function wordFor<K extends string>(table: Record<K, string>, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return (table as Record<string, string>)[code] ?? code;
}
