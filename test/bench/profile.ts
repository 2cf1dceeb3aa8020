import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** A V8 CPU profile as `node --cpu-prof` writes it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Who a sampled function belongs to: an npm package (`pg`, `@nestjs/core`), Baken's own code (`baken:<lib or app>`),
 * Node's JavaScript (`node`), V8's built-ins and native code (`builtins`: JSON, RegExp, crypto, I/O), or V8's own
 * buckets (`(garbage collector)`, `(program)`, `(idle)`).
 */
export function ownerOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'builtins';
  if (url.startsWith('node:')) return 'node';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf(`${sep}node_modules${sep}`);
  if (modules >= 0) {
    const [first, second] = path.slice(modules + 14).split(sep);
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const own = /(?:^|\/)(libs|apps)\/([^/]+)\//.exec(path);
  return own ? `baken:${own[1]}/${own[2]}` : 'other';
}

/**
 * Self time per owner in the profiles of `dir`, largest first; only the samples of the last `lastSeconds` of each
 * profile (the measured load, not the start-up and warm-up before it) when given.
 */
export function selfTimeByOwner(dir: string, lastSeconds?: number): { owner: string; share: number; ms: number }[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const owners = new Map(profile.nodes.map((n) => [n.id, ownerOf(n.callFrame.functionName, n.callFrame.url)]));
    const span = profile.timeDeltas.reduce((sum, d) => sum + d, 0);
    const from = lastSeconds === undefined ? 0 : span - lastSeconds * 1e6;
    let at = 0;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (at < from) return;
      const owner = owners.get(id) ?? 'other';
      const us = profile.timeDeltas[i] ?? 0;
      totals.set(owner, (totals.get(owner) ?? 0) + us);
      all += us;
    });
  }
  return [...totals.entries()]
    .map(([owner, us]) => ({ owner, share: all ? us / all : 0, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms);
}

/** `pg 21 %, baken:libs/event-store 9 %, …` without `(idle)`, the shares taken of the busy time. */
export function describeProfile(rows: { owner: string; ms: number }[], top = 12): string {
  const busy = rows.filter((r) => r.owner !== '(idle)');
  const total = busy.reduce((sum, r) => sum + r.ms, 0);
  return busy
    .slice(0, top)
    .map((r) => `${r.owner} ${((r.ms / total) * 100).toFixed(1)} %`)
    .join(', ');
}
