// Words for what the disk does to recording (issue 14): the kiosk answers a refused record with an error code, and
// the gate words it here in the volunteer's language instead of showing the core's English text.
export const zh = {
  recordDiskFull: '磁盘已满，此人未登记。请清理磁盘空间（或联系管理员）后重新登记。',
  recordStorageFailed: '登记记录无法写入，此人未登记。请检查磁盘并联系管理员。',
  recordCorrupt: '登记数据库已损坏，此人未登记。请先纸笔登记，并立即联系管理员从备份恢复。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  recordDiskFull: 'The disk is full, so this person was NOT recorded. Free disk space (or call the manager), then record them again.',
  recordStorageFailed: 'The entry log cannot be written, so this person was NOT recorded. Check the disk and call the manager.',
  recordCorrupt: 'The entry log is damaged, so this person was NOT recorded. Record them on paper and call the manager to restore the backup.',
};
