// Watch lists: the version in force with its counts, and (for officers) publishing a new one from a CSV or XLSX file,
// with every bad row named when the file is refused.
import { mayAct, type StaffUser } from '../staff/accounts.ts';
import type { WatchListSummary } from '../watch-lists.ts';
import { bi, esc, page, when } from './layout.ts';

export function renderWatchPage(current: WatchListSummary | null, user: StaffUser, timeZone: string, outcome: { errors?: string[]; published?: WatchListSummary } = {}): string {
  const counts = current
    ? Object.entries(current.byKind)
        .map(([k, n]) => `<li>${esc(k)}: ${n}</li>`)
        .join('')
    : '';
  const result = outcome.errors
    ? `<div class="errors" role="alert"><strong>${bi('未发布：请改正以下各行后重新上传（全部正确才会发布）', 'Nothing was published: fix these rows and upload again (all rows or none)')}</strong><ul>${outcome.errors
        .slice(0, 200)
        .map((e) => `<li>${esc(e)}</li>`)
        .join('')}</ul>${outcome.errors.length > 200 ? `<p>… ${outcome.errors.length - 200} more</p>` : ''}</div>`
    : outcome.published
      ? `<div class="ok" role="status">${bi('已发布', 'Published')} v${outcome.published.version}: ${outcome.published.rows} ${bi('行', 'rows')}</div>`
      : '';
  const form = mayAct(user.role, 'officer')
    ? `<h2>${bi('发布新名单', 'Publish a new list')}</h2>
<p>${bi('列：身份证号 或 门牌号、小区（门牌号必填）、类型（居家隔离/红码/黄码/随访）、开始、结束、备注。新名单整体替换旧名单。', 'Columns: id_number or household, compound (needed for a household), kind (quarantine, red, yellow, follow-up), from, until, note. A new list replaces the old one whole.')}</p>
<form method="post" action="/watch-lists" enctype="multipart/form-data"><input type="file" name="file" accept=".csv,.xlsx" required> <button>${bi('上传并发布', 'Upload and publish')}</button></form>`
    : `<p>${bi('发布名单需要专员或管理员账号', 'Publishing needs an officer or administrator account.')}</p>`;
  const body = `<h1>${bi('重点人员名单', 'Watch lists')}</h1>${result}
${current ? `<p>${bi('当前版本', 'In force')}: <strong>v${current.version}</strong>, ${current.rows} ${bi('行', 'rows')} — ${esc(current.sourceName)}, ${esc(current.publishedBy)}, ${when(current.publishedAt, timeZone)}</p><ul>${counts}</ul>` : `<p>${bi('尚未发布名单', 'No list has been published.')}</p>`}
<p><small>${bi('门岗只收到按小区密钥计算的哈希，不含身份证号。', 'Kiosks receive keyed hashes under their compound’s key, never ID numbers.')}</small></p>
${form}`;
  return page('Watch lists', user, '/watch-lists', body);
}
