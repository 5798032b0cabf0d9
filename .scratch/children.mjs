import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const target = process.argv[3];
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map(); // self time per node
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = (n) => (dt.get(n.id) ?? 0) + (n.children ?? []).reduce((a, c) => a + total(byId.get(c)), 0);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/main\//, '')}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
const agg = new Map(); let tot = 0;
const visit = (n, inside) => {
  const match = !inside && name(n).startsWith(target);
  if (match) { tot += total(n); agg.set('(self)', (agg.get('(self)') ?? 0) + (dt.get(n.id) ?? 0)); for (const c of n.children ?? []) { const cn = byId.get(c); agg.set(name(cn), (agg.get(name(cn)) ?? 0) + total(cn)); } }
  for (const c of n.children ?? []) visit(byId.get(c), inside || match);
};
visit(p.nodes[0], false);
console.log(target, (tot / 1000).toFixed(0), 'ms');
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(0).padStart(6), 'ms', k);
