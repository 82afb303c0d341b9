// Reads a V8 .cpuprofile (node --cpu-prof) and prints the functions with the most self time, the files they sit in,
// and the functions with the most total time (self plus everything they call), so a bench note can say where the
// time went before anything is changed.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/core-scan-decision.ts
//   node bench/support/profile-top.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--under src/] [--within dispatcher.ts]
// --callers NAME prints who calls the functions whose name contains NAME, with the time spent under each call site.
// --under keeps the rows whose name contains the text; --within counts only the samples taken while a function whose
// name contains the text was on the stack (the timed part of a bench, not its setup).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const OPTIONS = ['--top', '--under', '--within', '--callers'];
const file = args.find((a, i) => !a.startsWith('--') && !OPTIONS.includes(args[i - 1] ?? ''));
if (!file) {
  console.error('usage: node bench/support/profile-top.ts FILE.cpuprofile [--top N] [--under PATH]');
  process.exit(2);
}
const top = Number(args[args.indexOf('--top') + 1] ?? 30) || 30;
const under = args.includes('--under') ? args[args.indexOf('--under') + 1]! : null;
const within = args.includes('--within') ? args[args.indexOf('--within') + 1]! : null;
const callersOf = args.includes('--callers') ? args[args.indexOf('--callers') + 1]! : null;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.endTime - profile.startTime;

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules\/|src\/|bench\/|test\/)/, '$1');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`.trim();

const selfByLabel = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusive = new Map<string, number>();
const callers = new Map<string, number>();
const stackOf = (id: number) => {
  const labels: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) labels.push(label(byId.get(at)!));
  return labels;
};
let countedUs = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  const stack = stackOf(id);
  if (within && !stack.some((l) => l.includes(within))) continue;
  countedUs += us;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
  const f = node.callFrame.url ? short(node.callFrame.url) : `(${node.callFrame.functionName})`;
  selfByFile.set(f, (selfByFile.get(f) ?? 0) + us);
  // Total time: each sample counts once for every distinct function on its stack.
  for (const l of new Set(stack)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  if (callersOf) {
    // The nearest frame matching NAME, and the first frame above it outside node_modules and node internals.
    const at = stack.findIndex((l) => l.includes(callersOf));
    if (at >= 0) {
      const caller = stack.slice(at + 1).find((l) => !l.includes('node_modules/') && !l.includes('node:')) ?? '(none)';
      const key = `${stack[at]}  <-  ${caller}`;
      callers.set(key, (callers.get(key) ?? 0) + us);
    }
  }
}

const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  const rows = [...map].filter(([k]) => !under || k.includes(under)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, us] of rows) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((us / countedUs) * 100).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(2)} s profiled, ${profile.samples.length} samples${within ? `; ${(countedUs / 1e6).toFixed(2)} s with ${within} on the stack (the shares below are of that)` : ''}`);
show('self time by function', selfByLabel);
show('self time by file', selfByFile);
show('total time by function (self + callees)', inclusive);
if (callersOf) show(`callers of ${callersOf}`, callers);
