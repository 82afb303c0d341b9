// Words for long console work in progress: exports, roster imports and purges (issues 14.2 and 19).
export const zh = {
  progress_export: '正在导出：{done} / {total} 条',
  progress_import: '正在检查：{done} / {total} 行',
  progress_purge: '正在清理：{done} / {total} 条',
  progressStarting: '正在准备…',
  progressSaving: '正在保存…',
};
export const en: Record<keyof typeof zh, string> = {
  progress_export: 'Exporting: {done} of {total} entries',
  progress_import: 'Checking: {done} of {total} rows',
  progress_purge: 'Purging: {done} of {total} entries',
  progressStarting: 'Getting ready…',
  progressSaving: 'Saving…',
};
