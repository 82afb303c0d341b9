// A day per hour as an inline SVG bar chart: no script, readable printed in black and white (bars and figures).
import type { HourFigures } from '../live.ts';
import { esc } from './layout.ts';

export function hourChart(hours: HourFigures[], title: string): string {
  const width = 960;
  const height = 260;
  const left = 40;
  const bottom = 30;
  const top = 20;
  const max = Math.max(1, ...hours.map((h) => h.entries));
  const step = (width - left - 10) / 24;
  const y = (n: number) => top + (height - top - bottom) * (1 - n / max);
  const bars = hours
    .map((h) => {
      const x = left + h.hour * step;
      const refusals = h.refusals > 0 ? `<rect x="${x + step * 0.55}" y="${y(h.refusals)}" width="${step * 0.3}" height="${y(0) - y(h.refusals)}" fill="#c33"><title>${h.refusals}</title></rect>` : '';
      return `<g data-hour="${h.hour}" data-entries="${h.entries}"><rect x="${x + step * 0.15}" y="${y(h.entries)}" width="${step * 0.4}" height="${y(0) - y(h.entries)}" fill="#2a6fb0"><title>${h.hour}:00 ${h.entries}</title></rect>${refusals}
<text x="${x + step / 2}" y="${height - bottom + 14}" font-size="11" text-anchor="middle">${h.hour}</text></g>`;
    })
    .join('');
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f)).map((n) => `<text x="${left - 4}" y="${y(n) + 4}" font-size="11" text-anchor="end">${n}</text><line x1="${left}" x2="${width - 10}" y1="${y(n)}" y2="${y(n)}" stroke="#ddd"/>`);
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">${ticks.join('')}${bars}
<text x="${left}" y="14" font-size="12"><tspan fill="#2a6fb0">■</tspan> 进出 entries  <tspan fill="#c33">■</tspan> 拒绝 refusals</text></svg>`;
}
