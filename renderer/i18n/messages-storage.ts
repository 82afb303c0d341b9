// Words for the storage and the registry's copy (issues 12.4 and 14.4-14.7): a damaged database, a broken audit
// chain, a roster key that does not fit, and the gaps the registry reports.
export const zh = {
  syncRegistryProblems: '已上报，但区登记中心报告 {n} 个问题',
  syncProblemEntries: '登记记录 {from}–{to}：{kind}',
  syncProblemAudit: '审计记录 {from}–{to}：{kind}',
  flushRegistryProblems: '记录已全部发送，但区登记中心报告其副本有 {n} 处缺失或不一致，不能确认全部在区登记中心。请管理员查看并告知区里。',
  storageTitle: '存储异常：请立即处理',
  storageArea_database: '数据库损坏',
  'storageArea_audit-chain': '审计日志链断裂',
  'storageArea_roster-key': '住户证件密钥不匹配',
  storageRegistryTitle: '区登记中心报告其副本有问题',
  storageAcknowledgeNote: '处理说明（例如：已电话告知区里）',
  storageAcknowledge: '已知悉',
  storageAcknowledged: '已确认 {n} 个问题',
} as const;

export const en: Record<keyof typeof zh, string> = {
  syncRegistryProblems: 'Sent, but the registry reports {n} problem(s)',
  syncProblemEntries: 'Entries {from}–{to}: {kind}',
  syncProblemAudit: 'Audit records {from}–{to}: {kind}',
  flushRegistryProblems: 'Everything was sent, but the registry reports {n} gap(s) or break(s) in its copy, so it cannot be said that everything is at the registry. A manager should look and tell the district.',
  storageTitle: 'Storage problem: act now',
  storageArea_database: 'The database is damaged',
  'storageArea_audit-chain': 'The audit log’s chain is broken',
  'storageArea_roster-key': 'The roster ID key does not fit',
  storageRegistryTitle: 'The registry reports problems with its copy',
  storageAcknowledgeNote: 'What was done (e.g. the district was phoned)',
  storageAcknowledge: 'Acknowledge',
  storageAcknowledged: '{n} problem(s) acknowledged',
};
