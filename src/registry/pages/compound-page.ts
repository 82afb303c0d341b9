// One compound's day: its figures, per hour, refusals by reason, its kiosks and when each was last heard from, its
// alerts and its latest entries (identifiers masked as the kiosk sent them).
import type { StoredAlert } from '../alerts.ts';
import type { CompoundPage } from '../live.ts';
import type { StaffUser } from '../staff/accounts.ts';
import { alertRows } from './alerts-page.ts';
import { hourChart } from './charts.ts';
import { bi, esc, page, when } from './layout.ts';

export function renderCompoundPage(c: CompoundPage, alerts: StoredAlert[], user: StaffUser, timeZone: string): string {
  const kiosks = c.kiosks
    .map((k) => `<tr><td>${esc(k.name)}<br><small>${esc(k.kioskId)}</small></td><td>${when(k.enrolledAt, timeZone)}</td><td>${when(k.lastSeenAt, timeZone)}</td><td class="n">${k.lastSeq ?? '—'}</td><td>${k.revoked ? bi('已停用', 'revoked') : bi('在用', 'active')}</td></tr>`)
    .join('');
  const reasons = c.reasons.length ? c.reasons.map((r) => `<li>${esc(r.reason)}: ${r.n}</li>`).join('') : `<li>—</li>`;
  const recent = c.recent
    .map((e) => `<tr><td>${when(e.at, timeZone)}</td><td>${e.direction === 'out' ? bi('出', 'out') : bi('进', 'in')}</td><td>${e.decision === 'pass' ? bi('通过', 'pass') : `<span class="badge bad">${bi('拒绝', 'refused')}</span>`}</td>
<td>${esc(e.reasons.join(', '))}${e.watch ? ` <span class="badge warn">${bi('名单', 'watch list')}</span>` : ''}</td><td>${esc(e.maskedId ?? '')}</td></tr>`)
    .join('');
  const body = `<h1>${esc(c.name)} <small>${esc(c.compoundId)} · ${esc(c.district)}</small></h1>
<form method="get" class="no-print"><label>${bi('日期', 'Date')} <input type="date" name="date" value="${esc(c.day)}"></label> <button>${bi('显示', 'Show')}</button>
<a href="/reports?date=${esc(c.day)}&amp;compound=${encodeURIComponent(c.compoundId)}">${bi('本小区日报', "This compound's daily report")}</a></form>
<div class="tiles"><div class="tile"><b>${c.figures.entries}</b>${bi('进出', 'entries')}</div><div class="tile"><b>${c.figures.refusals}</b>${bi('拒绝', 'refusals')}</div>
<div class="tile"><b>${c.figures.fevers}</b>${bi('发热', 'fevers')}</div><div class="tile"><b>${c.figures.watchHits}</b>${bi('名单命中', 'watch-list matches')}</div>
<div class="tile"><b>${when(c.lastEntryAt, timeZone)}</b>${bi('最近记录', 'last entry')}</div></div>
<h2>${bi('每小时', 'Per hour')} — ${esc(c.day)}</h2>${hourChart(c.hours, `${c.name} per hour`)}
<h2>${bi('拒绝原因', 'Refusals by reason')}</h2><ul>${reasons}</ul>
<h2>${bi('告警', 'Alerts')}</h2>${alertRows(alerts, user, timeZone, `/compounds/${encodeURIComponent(c.compoundId)}`)}
<h2>${bi('门岗终端', 'Kiosks')}</h2><div class="scroll"><table><tr><th>${bi('终端', 'Kiosk')}</th><th>${bi('登记', 'Enrolled')}</th><th>${bi('最近联系', 'Last heard from')}</th><th class="n">${bi('最新序号', 'Last entry no.')}</th><th>${bi('状态', 'State')}</th></tr>${kiosks}</table></div>
<h2>${bi('最近记录', 'Latest entries')}</h2><div class="scroll"><table><tr><th>${bi('时间', 'Time')}</th><th>${bi('方向', 'Way')}</th><th>${bi('结果', 'Decision')}</th><th>${bi('原因', 'Reasons')}</th><th>${bi('证件', 'ID')}</th></tr>${recent || '<tr><td colspan="5">—</td></tr>'}</table></div>`;
  return page(c.name, user, '/', body, { refreshSeconds: 60 });
}
