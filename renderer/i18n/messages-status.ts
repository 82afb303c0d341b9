// Words for the status bar: registry upload.
export const zh = {
  syncUpToDate: '已上报 {time}',
  syncWaiting: '待上报 {n} 条',
  syncOffline: '离线（自 {time}），待上报 {n} 条',
  syncNotEnrolled: '未接入区登记中心，待上报 {n} 条',
  camera: '摄像头扫码',
  cameraHint: '把手机上的健康码对准摄像头',
  cameraStop: '关闭摄像头',
  cameraFailed: '摄像头无法使用',
  flushing: '正在上报本班记录…',
  flushComplete: '{time} 之前的记录已全部上报区登记中心',
  flushWaiting: '还有 {n} 条记录未上报：',
} as const;

export const en: Record<keyof typeof zh, string> = {
  syncUpToDate: 'Uploaded {time}',
  syncWaiting: '{n} waiting to upload',
  syncOffline: 'Offline since {time}, {n} waiting',
  syncNotEnrolled: 'Not enrolled with the registry, {n} waiting',
  camera: 'Scan with camera',
  cameraHint: 'Hold the phone’s code up to the camera',
  cameraStop: 'Close camera',
  cameraFailed: 'The camera cannot be used',
  flushing: 'Uploading this shift’s log…',
  flushComplete: 'Everything up to {time} is at the registry',
  flushWaiting: '{n} entries are still waiting:',
};
