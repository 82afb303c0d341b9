// The day's statistics per district and compound, who has not reported, and the open log integrity problems.
import type { StaffUser } from '../staff/accounts.ts';
import type { DailyStats, Figures } from '../stats.ts';
import { esc, page } from './layout.ts';

export interface OpenProblem {
  kioskId: string;
  /** 'entries' or 'audit': which of the kiosk's chains. */
  log?: string;
  kind: string;
  fromSeq: number;
  toSeq: number;
  detail: string;
  detectedAt: string;
}

function reasons(f: Figures): string {
  const list = Object.entries(f.refusalsByReason).sort((a, b) => b[1] - a[1]);
  return list.length === 0 ? '—' : list.map(([r, n]) => `${esc(r)}: ${n}`).join(', ');
}

export function renderStatsPage(stats: DailyStats, problems: OpenProblem[], today: string, user: StaffUser): string {
  const rows = stats.compounds
    .map(
      (c) => `<tr${c.entries === 0 && !c.reported ? ' class="missing"' : ''}><td>${esc(c.name)}<br><small>${esc(c.compoundId)}</small></td><td>${esc(c.district)}</td>
<td class="n">${c.entries}</td><td class="n">${c.refusals}</td><td>${reasons(c)}</td><td class="n">${c.fevers}</td>
<td>${c.reported ? `${c.reported.entries} entries from ${c.reported.kiosks} kiosk(s)` : 'no report'}</td><td>${c.lastEntryAt ? esc(c.lastEntryAt) : '—'}</td></tr>`,
    )
    .join('\n');
  const districts = stats.districts
    .map((d) => `<tr><td>${esc(d.district)}</td><td class="n">${d.compounds}</td><td class="n">${d.entries}</td><td class="n">${d.refusals}</td><td>${reasons(d)}</td><td class="n">${d.fevers}</td><td class="n">${d.notReported}</td></tr>`)
    .join('\n');
  const missing = stats.notReported.length === 0
    ? '<p>Every enrolled compound has reported.</p>'
    : `<ul>${stats.notReported.map((c) => `<li>${esc(c.name)} (${esc(c.compoundId)}, ${esc(c.district)})</li>`).join('')}</ul>`;
  const problemRows = problems
    .map((p) => `<tr><td>${esc(p.kioskId)}</td><td>${esc(p.log === 'audit' ? `audit log: ${p.kind}` : p.kind)}</td><td class="n">${p.fromSeq}–${p.toSeq}</td><td>${esc(p.detail)}</td><td>${esc(p.detectedAt)}</td></tr>`)
    .join('\n');
  return page(`Statistics ${stats.date}`, user, '/stats', `<h1>Gate checkpoints — ${esc(stats.date)}${stats.date === today ? ' (today)' : ''}</h1>
<form method="get" action="/stats"><label>Date <input type="date" name="date" value="${esc(stats.date)}"></label> <button>Show</button></form>
<h2>Not reported${stats.date === today ? ' today' : ''}</h2>
${missing}
<h2>Districts</h2>
<table><tr><th>District</th><th>Compounds</th><th>Entries</th><th>Refusals</th><th>By reason</th><th>Fevers</th><th>Not reported</th></tr>
${districts}</table>
<h2>Compounds</h2>
<table><tr><th>Compound</th><th>District</th><th>Entries</th><th>Refusals</th><th>By reason</th><th>Fevers</th><th>Daily report</th><th>Last entry</th></tr>
${rows}</table>
<h2>Log integrity problems (open)</h2>
${problems.length === 0 ? '<p>None.</p>' : `<table><tr><th>Kiosk</th><th>Kind</th><th>Entries</th><th>Detail</th><th>Detected</th></tr>${problemRows}</table>`}
`);
}
