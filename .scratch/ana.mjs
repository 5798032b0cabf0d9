import fs from 'node:fs';
const s = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const f = s.snapshot.meta.node_fields, types = s.snapshot.meta.node_types[0];
const N = f.length, nodes = s.nodes, strings = s.strings;
const ti = f.indexOf('type'), ni = f.indexOf('name'), si = f.indexOf('self_size');
const agg = new Map();
for (let i = 0; i < nodes.length; i += N) {
  const t = types[nodes[i + ti]];
  let name = strings[nodes[i + ni]];
  const key = t === 'object' || t === 'closure' ? `${t}:${name}` : t === 'string' || t==='concatenated string' || t==='sliced string' ? `${t}:len${Math.min(200, Math.round(name.length/10)*10)}` : t+':'+name.slice(0,40);
  const a = agg.get(key) ?? [0, 0]; a[0]++; a[1] += nodes[i + si]; agg.set(key, a);
}
const rows = [...agg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 40);
for (const [k, [c, b]] of rows) console.log((b / 1048576).toFixed(1).padStart(7), 'MB', String(c).padStart(8), k);
