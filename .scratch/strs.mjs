import fs from 'node:fs';
const s = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const f = s.snapshot.meta.node_fields, types = s.snapshot.meta.node_types[0];
const N = f.length, nodes = s.nodes, strings = s.strings;
const ti = f.indexOf('type'), ni = f.indexOf('name'), si = f.indexOf('self_size');
const agg = new Map(); const samples = new Map();
for (let i = 0; i < nodes.length; i += N) {
  const t = types[nodes[i + ti]];
  if (!t.includes('string')) continue;
  const name = strings[nodes[i + ni]];
  const cls = /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(name) ? 'uuid' : /^\d{4}-\d\d-\d\dT/.test(name) ? 'isodate' : /^[A-Z_]+$/.test(name) ? 'CONST' : name.includes('@') ? 'email' : name.length > 100 ? 'long' : 'other';
  const key = t + ':' + cls;
  const a = agg.get(key) ?? [0, 0]; a[0]++; a[1] += nodes[i + si]; agg.set(key, a);
  const sm = samples.get(key) ?? []; if (sm.length < 6 && Math.random() < 0.01) sm.push(name.slice(0, 50)); samples.set(key, sm);
}
for (const [k, [c, b]] of [...agg].sort((a, b) => b[1][1] - a[1][1])) console.log((b / 1048576).toFixed(1).padStart(6), 'MB', String(c).padStart(8), k, JSON.stringify(samples.get(k)));
