// The live view: the district at a glance (tiles, per-hour chart), then every compound, silent ones first and
// highlighted; refreshes itself every minute. Paged so that 10,000 compounds stay quick to send and to scroll.
import type { HourFigures, LiveView } from '../live.ts';
import type { StaffUser } from '../staff/accounts.ts';
import { hourChart } from './charts.ts';
import { bi, esc, page, when } from './layout.ts';

export interface LivePageQuery {
  district?: string;
  search?: string;
  only?: 'silent' | 'alerts';
}

function tile(zh: string, en: string, value: number, tone = ''): string {
  return `<div class="tile ${tone}"><b>${value.toLocaleString('en-US')}</b>${bi(zh, en)}</div>`;
}

function link(q: LivePageQuery, offset: number): string {
  const params = new URLSearchParams();
  if (q.district) params.set('district', q.district);
  if (q.search) params.set('q', q.search);
  if (q.only) params.set('only', q.only);
  if (offset) params.set('offset', String(offset));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

export function renderLivePage(view: LiveView, hours: HourFigures[], user: StaffUser, q: LivePageQuery, timeZone: string): string {
  const t = view.totals;
  const districtOptions = view.districts.map((d) => `<option${d.district === q.district ? ' selected' : ''}>${esc(d.district)}</option>`).join('');
  const rows = view.compounds
    .map((c) => {
      const cls = c.silent ? ' class="silent"' : c.openAlerts > 0 ? ' class="alerted"' : '';
      const flags = `${c.silent ? `<span class="badge warn">${bi('无记录', `silent ${view.silentMinutes}+ min`)}</span>` : ''}`;
      return `<tr${cls} data-compound="${esc(c.compoundId)}"${c.silent ? ' data-silent="yes"' : ''}><td><a href="/compounds/${encodeURIComponent(c.compoundId)}">${esc(c.name)}</a> ${flags}<br><small>${esc(c.compoundId)}</small></td>
<td class="hide-narrow">${esc(c.district)}</td><td>${when(c.lastEntryAt, timeZone)}</td><td class="n">${c.lastHour}</td><td class="n">${c.entriesToday}</td>
<td class="n">${c.refusalsToday}</td><td class="n">${c.feversToday}</td><td class="n">${c.watchHitsToday}</td>
<td class="n">${c.openAlerts > 0 ? `<a class="badge bad" href="/alerts?compound=${encodeURIComponent(c.compoundId)}">${c.openAlerts}</a>` : '0'}</td></tr>`;
    })
    .join('\n');
  const { offset, limit, matching } = view.page;
  const pager = `<p class="pager">${bi('共', 'Showing')} ${matching ? offset + 1 : 0}–${Math.min(offset + limit, matching)} / ${matching}
${offset > 0 ? `<a href="${esc(link(q, Math.max(0, offset - limit)))}">← ${bi('上一页', 'previous')}</a>` : ''}
${offset + limit < matching ? `<a href="${esc(link(q, offset + limit))}">${bi('下一页', 'next')} →</a>` : ''}</p>`;
  const body = `<h1>${bi('实时概况', 'Live view')} — ${esc(view.today)} <small>${when(view.at, timeZone)} · ${bi('每分钟刷新', 'refreshes every minute')}</small></h1>
<div class="tiles">
${tile('小区', 'compounds', t.compounds)}${tile('今日进出', 'entries today', t.entries)}${tile('近1小时', 'last hour', t.lastHour)}
${tile('今日拒绝', 'refusals today', t.refusals)}${tile('今日发热', 'fevers today', t.fevers, t.fevers > 0 ? 'warn' : '')}
${tile('名单命中', 'watch-list matches', t.watchHits)}${tile('未处理告警', 'open alerts', t.openAlerts, t.openAlerts > 0 ? 'bad' : '')}
${tile('无记录小区', 'silent compounds', t.silent, t.silent > 0 ? 'warn' : '')}
</div>
<h2>${bi('全区每小时', 'District per hour')}</h2>
${hourChart(hours, 'entries per hour')}
<h2>${bi('各小区', 'Compounds')}</h2>
<form method="get" action="/" class="no-print"><label>${bi('街道', 'District')} <select name="district"><option value="">—</option>${districtOptions}</select></label>
<label>${bi('查找', 'Search')} <input name="q" value="${esc(q.search)}" size="16"></label>
<label>${bi('只看', 'Only')} <select name="only"><option value="">—</option><option value="silent"${q.only === 'silent' ? ' selected' : ''}>${bi('无记录', 'silent')}</option><option value="alerts"${q.only === 'alerts' ? ' selected' : ''}>${bi('有告警', 'with alerts')}</option></select></label>
<button>${bi('显示', 'Show')}</button></form>
${pager}
<div class="scroll"><table id="compounds"><thead><tr><th>${bi('小区', 'Compound')}</th><th class="hide-narrow">${bi('街道', 'District')}</th><th>${bi('最近记录', 'Last entry')}</th>
<th class="n">${bi('近1小时', 'Last hour')}</th><th class="n">${bi('今日', 'Today')}</th><th class="n">${bi('拒绝', 'Refused')}</th><th class="n">${bi('发热', 'Fevers')}</th>
<th class="n">${bi('名单', 'Watch')}</th><th class="n">${bi('告警', 'Alerts')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>${pager}`;
  return page('Live', user, '/', body, { refreshSeconds: 60 });
}
