// Words for the volunteer's own screen settings: text size and spoken prompts.
export const zh = {
  accessSettings: '显示与语音',
  textSize: '字号',
  textSizeLarge: '大',
  textSizeLarger: '特大',
  voiceOn: '🔊 语音：开',
  voiceOff: '🔇 语音：关',
  sayScanAgain: '请重新扫码',
};
export const en: Record<keyof typeof zh, string> = {
  accessSettings: 'Display and voice',
  textSize: 'Text',
  textSizeLarge: 'Large',
  textSizeLarger: 'Larger',
  voiceOn: '🔊 Voice: on',
  voiceOff: '🔇 Voice: off',
  sayScanAgain: 'Please scan again',
};
