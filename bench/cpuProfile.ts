/**
 * Reads a V8 .cpuprofile (as written by the server child in `--profile` mode) and summarises
 * where the time went: self time per function, inclusive time per function, self time per
 * package / source folder.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  self: ProfileRow[];
  inclusive: ProfileRow[];
  byPackage: ProfileRow[];
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) return url.slice(nm + '/node_modules/'.length);
  const src = url.search(/\/(src|bench)\//);
  if (src !== -1) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native: V8 builtins, better-sqlite3 calls)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node: internals';
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  if (src) return src[1]!;
  return shortUrl(url);
}

export function summarizeCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    // timeDeltas[i] is the time since the previous sample; charge the interval ending at sample i+1 to sample i.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfByKey = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') idleUs += us;
    const key = keyOf(frame);
    selfByKey.set(key, (selfByKey.get(key) ?? 0) + us);
    const pkg = packageOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }

  // Inclusive time: a node's own samples plus its subtree's, counted once per function even when recursive.
  const inclusive = new Map<string, number>();
  const totals = new Map<number, number>();
  const root = profile.nodes[0]!;
  const totalOf = (node: ProfileNode): number => {
    let sum = selfUs.get(node.id) ?? 0;
    for (const child of node.children ?? []) sum += totalOf(byId.get(child)!);
    totals.set(node.id, sum);
    return sum;
  };
  totalOf(root);
  const active = new Map<string, number>();
  const walk = (node: ProfileNode) => {
    const key = keyOf(node.callFrame);
    const depth = active.get(key) ?? 0;
    if (depth === 0) inclusive.set(key, (inclusive.get(key) ?? 0) + (totals.get(node.id) ?? 0));
    active.set(key, depth + 1);
    for (const child of node.children ?? []) walk(byId.get(child)!);
    active.set(key, depth);
  };
  walk(root);

  const busyUs = Math.max(1, totalUs - idleUs);
  const rows = (map: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...map.entries()]
      .filter(([k]) => !skip(k))
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs }));
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    self: rows(selfByKey, (k) => k === '(idle)'),
    inclusive: rows(inclusive, (k) => k === '(root)' || k === '(idle)' || k === '(program)'),
    byPackage: rows(byPackage, (k) => k === '(idle)'),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
  const lines = [
    `CPU profile: ${summary.totalMs.toFixed(0)} ms sampled, ${summary.idleMs.toFixed(0)} ms idle; shares below are of the busy time`,
    '',
    'Self time by package / source folder:',
    ...summary.byPackage.map((r) => `  ${ms(r.ms)} ${pct(r.share)}  ${r.name}`),
    '',
    'Top functions by self time:',
    ...summary.self.map((r) => `  ${ms(r.ms)} ${pct(r.share)}  ${r.name}`),
    '',
    'Top functions by inclusive time:',
    ...summary.inclusive.map((r) => `  ${ms(r.ms)} ${pct(r.share)}  ${r.name}`),
  ];
  return lines.join('\n');
}
