// One line of the benchmark table, shared by every bench module, and the table itself (terminal and markdown).
import os from 'node:os';

export interface Row {
  figure: string;
  /** The measured figure; a string only when it could not be measured ("n/a"). */
  value: number | string;
  /** Unit of the value (ms, /s, s, MB, %, people/min). */
  unit?: string;
  /** The target or limit, in words. */
  target: string;
  /** The baseline measured in the same run on the same machine, or what the figure is read against. */
  compare: string;
  /** true meets the target, false misses it; absent for reference rows (baselines) and figures not measured. */
  meets?: boolean;
  /** What limits a figure that misses, or how it was measured when that matters to read it. */
  note?: string;
  /** Which way is better, when the unit does not say (ms, s and MB: lower; /s and people/min: higher). */
  better?: 'lower' | 'higher';
  /** Filled by the runner: this figure in the previous full run, and whether it got more than 20% worse since. */
  previous?: { value: number | string; worse: boolean };
  /** Filled by the runner: the bench that measured it, and when (ISO time of that bench's run). */
  bench?: string;
  measuredAt?: string;
}

/**
 * The saved table after a run of some benches: each bench's rows from this run when it ran, else from the run
 * before (rows carry their bench and date, so the table says how old each is); benches in their listed order.
 */
export function mergeRuns(order: readonly string[], ran: ReadonlySet<string>, fresh: readonly Row[], saved: readonly Row[]): Row[] {
  return order.flatMap((bench) => (ran.has(bench) ? fresh : saved).filter((r) => r.bench === bench));
}

/** "2026-12-02 (a, b); 2026-12-01 (c)": which run each bench's rows come from. */
export function runDates(rows: readonly Row[]): string {
  const byDay = new Map<string, string[]>();
  for (const r of rows) {
    const day = r.measuredAt?.slice(0, 10) ?? 'unknown';
    const benches = byDay.get(day) ?? [];
    if (r.bench && !benches.includes(r.bench)) benches.push(r.bench);
    byDay.set(day, benches);
  }
  return [...byDay].sort(([a], [b]) => b.localeCompare(a)).map(([day, benches]) => `${day} (${benches.join(', ')})`).join('; ');
}

/** More than this much worse than the previous full run is flagged. */
export const WORSE_BY = 0.2;

function betterWay(row: Row): 'lower' | 'higher' | null {
  if (row.better) return row.better;
  if (row.unit === 'ms' || row.unit === 's' || row.unit === 'MB') return 'lower';
  if (row.unit === '/s' || row.unit === 'people/min') return 'higher';
  return null;
}

/** Each row beside the same figure of the previous run (matched by its words), flagged when it got worse by > 20%. */
export function compareWithPrevious(rows: readonly Row[], previous: readonly Row[]): Row[] {
  const before = new Map(previous.map((r) => [r.figure, r]));
  return rows.map((row) => {
    const old = before.get(row.figure);
    if (!old) return row;
    const way = betterWay(row);
    const worse =
      typeof row.value === 'number' && typeof old.value === 'number' && way !== null && old.value !== 0
        ? way === 'lower'
          ? row.value > old.value * (1 + WORSE_BY) && row.value - old.value > 0
          : row.value < old.value * (1 - WORSE_BY)
        : false;
    return { ...row, previous: { value: old.value, worse } };
  });
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export const describeMachine = (m: Machine) => `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}, ${m.date}`;

export function formatValue(row: Row): string {
  if (typeof row.value === 'string') return row.value;
  // A figure that came out NaN crosses JSON as null: say so instead of ending the run without its table.
  if (typeof row.value !== 'number' || !Number.isFinite(row.value)) return 'n/a (no number measured)';
  const v = row.value;
  const text = Number.isInteger(v) ? v.toLocaleString('en-US') : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
  return row.unit ? `${text} ${row.unit}` : text;
}

export const verdict = (row: Row) => (row.meets === undefined ? (typeof row.value === 'string' ? 'not measured' : '—') : row.meets ? 'meets' : 'MISSES');

const HEADERS = ['figure', 'value', 'previous run', 'target', 'compared with (same run)', 'verdict', 'note'] as const;
const previousCell = (row: Row) => (row.previous ? `${formatValue({ ...row, value: row.previous.value })}${row.previous.worse ? ' (WORSE now)' : ''}` : '');
const cells = (row: Row) => [row.figure, formatValue(row), previousCell(row), row.target, row.compare, verdict(row), row.note ?? ''];

export function terminalTable(rows: readonly Row[]): string {
  // Long notes stay out of the column widths so the table fits a terminal; they trail the row.
  const widths = HEADERS.slice(0, 6).map((h, i) => Math.max(h.length, ...rows.map((r) => cells(r)[i]!.length)));
  const line = (values: readonly string[]) => values.slice(0, 6).map((v, i) => v.padEnd(widths[i]!)).join(' | ') + (values[6] ? ` | ${values[6]}` : '');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cells(r)))].join('\n');
}

const md = (text: string) => text.replaceAll('|', '\\|');

export function markdownTable(rows: readonly Row[], header: string): string {
  return [
    header,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(md).join(' | ')} |`),
    '',
  ].join('\n');
}

export const README_START = '<!-- bench:start (written by npm run bench; do not edit by hand) -->';
export const README_END = '<!-- bench:end -->';

/** The README with its benchmark table replaced by this run's, between the markers; unchanged without markers. */
export function withBenchTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + README_START.length)}\n${table}${readme.slice(end)}`;
}
