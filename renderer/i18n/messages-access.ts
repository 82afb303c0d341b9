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
  flushRegistryError: 'the district registry cannot take the upload just now. Entries are kept here and sent shortly.',
};
