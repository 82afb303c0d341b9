// Hand-written SVG charts: no chart library, crisp in print, and readable at a glance (labels on the bars).
import type { LogStats } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { reasonKey } from '../../../i18n/reasons.ts';

const IN = '#1d5fd1';
const OUT = '#e8890c';
const REFUSED = '#c0262d';

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

/** People in and out per hour, stacked; refusals as a red bar of their own count on the same scale, with the number. */
export function HourChart({ perHour, width = 720, height = 240 }: { perHour: LogStats['perHour']; width?: number; height?: number }) {
  const { t } = useI18n();
  const left = 40;
  const bottom = 24;
  const top = 24;
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const max = niceMax(Math.max(1, ...perHour.map((h) => h.in + h.out)));
  const band = plotW / 24;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chartPerHour')} data-testid="chart-per-hour">
      <title>{t('chartPerHour')}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={width - 8} y1={y(v)} y2={y(v)} stroke="#e3e6eb" />
          <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#555">{v}</text>
        </g>
      ))}
      {perHour.map((h) => {
        const x = left + h.hour * band + 2;
        const w = band - 4;
        return (
          <g key={h.hour} data-hour={h.hour}>
            <rect className="bar-in" x={x} y={y(h.in)} width={w} height={y(0) - y(h.in)} fill={IN}><title>{`${h.hour}:00 ${t('kpiIn')} ${h.in}`}</title></rect>
            <rect className="bar-out" x={x} y={y(h.in + h.out)} width={w} height={y(h.in) - y(h.in + h.out)} fill={OUT}><title>{`${h.hour}:00 ${t('kpiOut')} ${h.out}`}</title></rect>
            {h.refused > 0 && (
              <g className="refused" data-refused={h.refused}>
                <rect className="bar-refused" x={x + w / 4} y={y(h.refused)} width={w / 2} height={y(0) - y(h.refused)} fill={REFUSED} stroke="#fff" strokeWidth={1}><title>{`${h.hour}:00 ${t('kpiRefused')} ${h.refused}`}</title></rect>
                <text className="refused-count" x={x + w / 2} y={y(h.in + h.out) - 4} textAnchor="middle" fontSize="10" fontWeight="700" fill={REFUSED}>{h.refused}</text>
              </g>
            )}
            {h.hour % 2 === 0 && <text x={x + w / 2} y={height - 8} textAnchor="middle" fontSize="11" fill="#555">{h.hour}</text>}
          </g>
        );
      })}
      <g fontSize="12">
        <rect x={left} y={4} width={12} height={12} fill={IN} />
        <text x={left + 16} y={14}>{t('kpiIn')}</text>
        <rect x={left + 56} y={4} width={12} height={12} fill={OUT} />
        <text x={left + 72} y={14}>{t('kpiOut')}</text>
        <rect x={left + 112} y={4} width={12} height={12} fill={REFUSED} />
        <text x={left + 128} y={14}>{t('kpiRefused')}</text>
      </g>
    </svg>
  );
}

/** Refusals by reason as labelled horizontal bars, largest first. */
export function ReasonsChart({ reasons, feverLineC, width = 360 }: { reasons: LogStats['refusalsByReason']; feverLineC: number; width?: number }) {
  const { t } = useI18n();
  if (reasons.length === 0) return <p className="hint">{t('noRefusals')}</p>;
  const rowH = 26;
  const labelW = 130;
  const max = Math.max(...reasons.map((r) => r.count));
  const height = reasons.length * rowH + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chartReasons')} data-testid="chart-reasons">
      <title>{t('chartReasons')}</title>
      {reasons.map((r, i) => {
        const w = ((width - labelW - 50) * r.count) / max;
        return (
          <g key={r.reason} transform={`translate(0, ${i * rowH + 2})`} data-reason={r.reason}>
            <text x={labelW - 6} y={16} textAnchor="end" fontSize="12">{t(reasonKey(r.reason), { line: feverLineC })}</text>
            <rect x={labelW} y={3} width={Math.max(w, 2)} height={rowH - 8} rx={3} fill={REFUSED} />
            <text x={labelW + Math.max(w, 2) + 6} y={16} fontSize="12" fontWeight="700">{r.count}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** The fast lane's share as a ring with the percentage in the middle. */
export function ShareRing({ share, label, size = 120 }: { share: number; label: string; size?: number }) {
  const r = size / 2 - 10;
  const c = 2 * Math.PI * r;
  return (
    <svg className="chart ring" viewBox={`0 0 ${size} ${size}`} width={size} height={size} role="img" aria-label={`${label} ${Math.round(share * 100)}%`} data-testid="chart-fast-lane">
      <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke="#e3e6eb" strokeWidth={14} />
      <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke={IN} strokeWidth={14} strokeDasharray={`${share * c} ${c}`} transform={`rotate(-90 ${size / 2} ${size / 2})`} />
      <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle" fontSize="20" fontWeight="700">{Math.round(share * 100)}%</text>
    </svg>
  );
}

/** Entries per day across a range, with refusals in red below. */
export function DayChart({ perDay, width = 720, height = 180 }: { perDay: LogStats['perDay']; width?: number; height?: number }) {
  const { t } = useI18n();
  const left = 40;
  const bottom = 22;
  const plotH = height - bottom - 10;
  const max = niceMax(Math.max(1, ...perDay.map((d) => d.total)));
  const band = (width - left - 8) / Math.max(1, perDay.length);
  const y = (v: number) => 10 + plotH - (v / max) * plotH;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chartPerDay')} data-testid="chart-per-day">
      <title>{t('chartPerDay')}</title>
      <text x={left - 6} y={y(max) + 4} textAnchor="end" fontSize="11">{max}</text>
      <line x1={left} x2={width - 8} y1={y(0)} y2={y(0)} stroke="#999" />
      {perDay.map((d, i) => (
        <g key={d.day}>
          <rect x={left + i * band + 2} y={y(d.total)} width={band - 4} height={y(0) - y(d.total)} fill={IN}><title>{`${d.day}: ${d.total}`}</title></rect>
          <rect x={left + i * band + 2} y={y(d.refused)} width={band - 4} height={y(0) - y(d.refused)} fill={REFUSED} />
          {(perDay.length <= 14 || i % Math.ceil(perDay.length / 14) === 0) && <text x={left + i * band + band / 2} y={height - 6} textAnchor="middle" fontSize="10">{d.day.slice(5)}</text>}
        </g>
      ))}
    </svg>
  );
}
