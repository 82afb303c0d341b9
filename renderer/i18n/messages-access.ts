// Words for the volunteer's own screen settings: text size and spoken prompts.
export const zh = {
  accessSettings: '显示与语音',
  textSize: '字号',
  textSizeLarge: '大',
  textSizeLarger: '特大',
  voiceOn: '🔊 语音：开',
  voiceOff: '🔇 语音：关',
  sayScanAgain: '请重新扫码',
  roleInBrackets: '（{role}）',
  storageDo_database: '请先用纸质登记，保留数据文件夹原样，并从最近的备份恢复数据库。',
  'storageDo_audit-chain': '审计记录被删除或修改过。请保留数据文件夹原样，并告知区里。',
  'storageDo_roster-key': '住户证件号无法匹配。请恢复原来的密钥，或重新导入住户名单。',
  flushRegistryError: '区登记中心暂时无法接收，记录保存在本机，稍后自动上报。',
};
export const en: Record<keyof typeof zh, string> = {
  accessSettings: 'Display and voice',
  textSize: 'Text',
  textSizeLarge: 'Large',
  textSizeLarger: 'Larger',
  voiceOn: '🔊 Voice: on',
  voiceOff: '🔇 Voice: off',
  sayScanAgain: 'Please scan again',
  roleInBrackets: ' ({role})',
  storageDo_database: 'record people on paper, keep the data folder as it is, and restore the database from the last backup.',
  'storageDo_audit-chain': 'audit records were deleted or changed. Keep the data folder as it is and tell the district.',
  'storageDo_roster-key': 'ID numbers cannot be matched. Restore the original key, or import the roster again.',
  flushRegistryError: 'the district registry cannot take the upload just now. Entries are kept here and sent shortly.',
};
