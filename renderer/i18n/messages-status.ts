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
};
