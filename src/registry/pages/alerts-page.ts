// Alerts as they came up, the open ones first; an officer acknowledges each, and who did it and when stays beside it.
import type { StoredAlert } from '../alerts.ts';
import { mayAct, type StaffUser } from '../staff/accounts.ts';
import { bi, esc, page, when } from './layout.ts';

const KIND: Record<string, [string, string]> = {
  fever: ['发热拒绝', 'fever refusal'],
  'watch-list': ['名单命中', 'watch-list match'],
  override: ['经理放行', 'manager override'],
  'device-down': ['设备故障', 'device down'],
  'kiosk-silent': ['值班无记录', 'silent during shift'],
  'clock-skew': ['时钟偏差', 'clock skewed'],
  'chain-restart': ['记录链重启', 'chain restarted'],
};

export function kindLabel(kind: string): string {
  const [zh, en] = KIND[kind] ?? [kind, kind];
  return bi(zh, en);
}

export function alertRows(alerts: StoredAlert[], user: StaffUser, timeZone: string, back: string): string {
  if (alerts.length === 0) return `<p>${bi('没有告警', 'No alerts.')}</p>`;
  const canAck = mayAct(user.role, 'officer');
  const rows = alerts
    .map((a) => {
      const state = a.acknowledgedAt
        ? `${bi('已处理', 'acknowledged')} ${esc(a.acknowledgedBy)} ${when(a.acknowledgedAt, timeZone)}${a.note ? `<br><small>${esc(a.note)}</small>` : ''}`
        : canAck
          ? `<form method="post" action="/alerts/${esc(a.id)}/acknowledge" class="inline"><input type="hidden" name="back" value="${esc(back)}"><input name="note" placeholder="备注 note" size="14" maxlength="200"> <button>${bi('确认处理', 'Acknowledge')}</button></form>`
          : `<span class="badge bad">${bi('未处理', 'open')}</span>`;
      return `<tr data-alert="${esc(a.id)}" data-kind="${esc(a.kind)}"${a.acknowledgedAt ? '' : ' class="alerted"'}><td>${when(a.at, timeZone)}</td><td>${kindLabel(a.kind)}</td>
<td><a href="/compounds/${encodeURIComponent(a.compoundId ?? '')}">${esc(a.compoundName ?? a.compoundId ?? '—')}</a><br><small>${esc(a.kioskId ?? '')}${a.source === 'registry' ? ' · 平台发现 noticed by the registry' : ''}</small></td>
<td>${esc(a.summary)}</td><td>${state}</td></tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table><tr><th>${bi('时间', 'Time')}</th><th>${bi('类型', 'Kind')}</th><th>${bi('小区', 'Compound')}</th><th>${bi('内容', 'What')}</th><th>${bi('处理', 'Handled')}</th></tr>${rows}</table></div>`;
}

export function renderAlertsPage(open: StoredAlert[], recent: StoredAlert[], user: StaffUser, timeZone: string, back: string): string {
  const body = `<h1>${bi('告警', 'Alerts')}</h1>
<h2>${bi('未处理', 'Open')} (${open.length})</h2>${alertRows(open, user, timeZone, back)}
<h2>${bi('最近已处理', 'Recently acknowledged')}</h2>${alertRows(recent, user, timeZone, back)}`;
  return page('Alerts', user, '/alerts', body, { refreshSeconds: 60 });
}
