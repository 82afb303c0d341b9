// The daily report on screen and on paper (A4): the district's lines, each compound's, per hour, and downloads.
import type { DailyReportDoc } from '../reports.ts';
import type { StaffUser } from '../staff/accounts.ts';
import { hourChart } from './charts.ts';
import { bi, esc, page, when } from './layout.ts';

const reasons = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${esc(k)}: ${n}`)
    .join(', ') || '—';

export function renderReportPage(doc: DailyReportDoc, user: StaffUser, options: { timeZone: string; compoundId?: string; reportHour: number; days: string[] }): string {
  const only = options.compoundId;
  const q = (format: string) => `/reports/daily.${format}?date=${esc(doc.date)}${only ? `&amp;compound=${encodeURIComponent(only)}` : ''}`;
  const districts = only
    ? ''
    : `<h2>${bi('各街道', 'Districts')}</h2><table><tr><th>${bi('街道', 'District')}</th><th class="n">${bi('小区', 'Compounds')}</th><th class="n">${bi('进出', 'Entries')}</th><th class="n">${bi('拒绝', 'Refusals')}</th><th>${bi('原因', 'By reason')}</th><th class="n">${bi('发热', 'Fevers')}</th><th class="n">${bi('未上报', 'Not reported')}</th></tr>
${doc.districts.map((d) => `<tr><td>${esc(d.district)}</td><td class="n">${d.compounds}</td><td class="n">${d.entries}</td><td class="n">${d.refusals}</td><td>${reasons(d.refusalsByReason)}</td><td class="n">${d.fevers}</td><td class="n">${d.notReported}</td></tr>`).join('')}</table>`;
  const compounds = doc.compounds
    .filter((c) => !only || c.compoundId === only)
    .map((c) => `<tr><td>${esc(c.name)}<br><small>${esc(c.compoundId)}</small></td><td>${esc(c.district)}</td><td class="n">${c.entries}</td><td class="n">${c.refusals}</td><td>${reasons(c.refusalsByReason)}</td><td class="n">${c.fevers}</td><td>${c.reported ? `${c.reported.entries} / ${c.reported.kiosks}` : bi('未上报', 'no report')}</td></tr>`)
    .join('');
  const alerts = Object.entries(doc.alerts).map(([k, n]) => `${esc(k)}: ${n}`).join(', ') || '—';
  const body = `<h1>${bi('日报', 'Daily report')} — ${esc(doc.date)}${only ? ` · ${esc(only)}` : ''}</h1>
<p>${doc.preliminary ? `<span class="badge warn">${bi('截至目前', 'figures so far')}</span> ${bi(`日报每天 ${options.reportHour}:00 生成`, `the report is generated daily at ${options.reportHour}:00`)}` : `${bi('生成于', 'generated')} ${when(doc.generatedAt, options.timeZone)}`}</p>
<form method="get" action="/reports" class="no-print"><label>${bi('日期', 'Date')} <input type="date" name="date" value="${esc(doc.date)}"></label>
${only ? `<input type="hidden" name="compound" value="${esc(only)}">` : ''}<button>${bi('显示', 'Show')}</button>
<a href="${q('csv')}">CSV</a> · <a href="${q('xlsx')}">XLSX</a> · <a href="${q('json')}">JSON</a> · ${bi('打印：浏览器打印（A4）', 'Print: the browser prints it on A4')}</form>
${options.days.length ? `<p class="no-print"><small>${bi('已生成', 'Generated')}: ${options.days.map((d) => `<a href="/reports?date=${d}">${d}</a>`).join(' ')}</small></p>` : ''}
${districts}
<h2>${bi('每小时', 'Per hour')}</h2>${hourChart(doc.hours, 'entries per hour')}
<p>${bi('告警', 'Alerts')}: ${alerts}</p>
<h2>${bi('各小区', 'Compounds')}</h2><table><tr><th>${bi('小区', 'Compound')}</th><th>${bi('街道', 'District')}</th><th class="n">${bi('进出', 'Entries')}</th><th class="n">${bi('拒绝', 'Refusals')}</th><th>${bi('原因', 'By reason')}</th><th class="n">${bi('发热', 'Fevers')}</th><th>${bi('终端上报', 'Kiosk reports')}</th></tr>${compounds}</table>`;
  return page(`Daily report ${doc.date}`, user, '/reports', body);
}
