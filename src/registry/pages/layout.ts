// The frame of every staff page: server-rendered HTML without a line of script (the CSP forbids it), both languages
// side by side, a navigation bar, and styles that hold from a phone to a wall screen and print on A4.
import type { StaffUser } from '../staff/accounts.ts';

export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chinese first, English beside it. */
export function bi(zh: string, en: string): string {
  return `${esc(zh)} <span class="en" lang="en">${esc(en)}</span>`;
}

export const NAV = [
  ['/', '实时', 'Live'],
  ['/alerts', '告警', 'Alerts'],
  ['/reports', '日报', 'Daily report'],
  ['/stats', '统计', 'Statistics'],
  ['/watch-lists', '名单', 'Watch lists'],
] as const;

const STYLE = `
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;background:#123;color:#fff}
header a{color:#fff;text-decoration:none;padding:.2rem .4rem;border-radius:.3rem}header a.on{background:#fff3;font-weight:600}
header .who{margin-left:auto;font-size:.9rem}header form{display:inline}header button{font:inherit;background:none;border:1px solid #fff8;color:#fff;border-radius:.3rem;cursor:pointer}
main{padding:1rem;max-width:1600px;margin:0 auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.en{color:#667;font-weight:normal;font-size:.85em}header .en{color:#cde}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f2f5;position:sticky;top:0}.n{text-align:right;font-variant-numeric:tabular-nums}
tr.silent{background:#fff1c2}tr.silent td:first-child{border-left:4px solid #d80}tr.alerted td:first-child{border-left:4px solid #c00}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem}.tile{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.6rem}
.tile b{display:block;font-size:1.6rem;font-variant-numeric:tabular-nums}.tile.warn{border-color:#d80;background:#fff8e6}.tile.bad{border-color:#c00;background:#fff0f0}
.scroll{overflow-x:auto}form.inline{display:inline}label{margin-right:.8rem}input,select,button{font:inherit}
.badge{display:inline-block;padding:0 .4rem;border-radius:.8rem;background:#eee;font-size:.85rem}.badge.bad{background:#fdd;color:#900}.badge.warn{background:#ffe2a8;color:#840}
.errors{background:#fff0f0;border:1px solid #c00;padding:.6rem 1rem}.ok{background:#eefbea;border:1px solid #3a3;padding:.6rem 1rem}
svg.chart{width:100%;max-width:900px;height:auto;background:#fff;border:1px solid #ddd}
.pager a{margin-right:1rem}small{color:#556}
@media (max-width:700px){td,th{padding:.25rem}.hide-narrow{display:none}}
@page{size:A4;margin:12mm}@media print{header,.no-print{display:none}body{background:#fff}main{padding:0}th{position:static}}
`;

export function page(title: string, user: StaffUser | null, active: string, body: string, options: { refreshSeconds?: number } = {}): string {
  const nav = user
    ? NAV.map(([href, zh, en]) => `<a href="${href}"${href === active ? ' class="on"' : ''}>${bi(zh, en)}</a>`).join('')
    : '';
  const who = user
    ? `<span class="who">${esc(user.displayName)} · ${esc(user.role)} <form method="post" action="/sign-out"><button>${bi('退出', 'Sign out')}</button></form></span>`
    : '';
  return `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>${esc(title)} — 区级登记平台 Gate registry</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<style>${STYLE}</style></head><body>
<header><strong>${bi('门岗登记 · 区级平台', 'Gate registry')}</strong>${nav}${who}</header>
<main>${body}</main></body></html>`;
}

export function when(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
