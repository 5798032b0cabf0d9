import fs from 'node:fs';
const s = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const m = s.snapshot.meta; const nf = m.node_fields, ef = m.edge_fields; const nt = m.node_types[0], et = m.edge_types[0];
const N = nf.length, E = ef.length, nodes = s.nodes, edges = s.edges, str = s.strings;
const ti = nf.indexOf('type'), ni = nf.indexOf('name'), si = nf.indexOf('self_size'), eci = nf.indexOf('edge_count');
const eti = ef.indexOf('type'), eni = ef.indexOf('name_or_index'), eto = ef.indexOf('to_node');
const count = nodes.length / N;
const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) { firstEdge[i] = e; e += nodes[i * N + eci] * E; }
firstEdge[count] = edges.length;
// shape per object: sorted property names (first 6)
const shapeOf = new Map(); const agg = new Map(); const fieldAgg = new Map();
const add = (map, k, sz) => { const a = map.get(k) ?? [0, 0]; a[0]++; a[1] += sz; map.set(k, a); };
const owner = new Int32Array(count).fill(-1); const ownerField = new Array(count);
for (let i = 0; i < count; i++) {
  const t = nt[nodes[i * N + ti]];
  if (t !== 'object' && t !== 'array') continue;
  const props = [];
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) {
    const ety = et[edges[e + eti]];
    if (ety === 'property') props.push(str[edges[e + eni]]);
  }
  const key = `${t}:${str[nodes[i * N + ni]]}{${props.slice(0, 5).join(',')}${props.length > 5 ? ',…' + props.length : ''}}`;
  add(agg, key, nodes[i * N + si]);
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) {
    const ety = et[edges[e + eti]]; const to = edges[e + eto] / N;
    const tt = nt[nodes[to * N + ti]];
    if ((ety === 'property' || ety === 'element' || ety === 'internal') && (tt === 'string' || tt === 'concatenated string' || tt === 'sliced string' || tt === 'array' || tt==='hidden' || tt==='native') && owner[to] === -1) {
      owner[to] = i; ownerField[to] = `${key.slice(0, 60)} .${ety === 'property' ? str[edges[e + eni]] : ety}`;
    }
  }
}
for (let i = 0; i < count; i++) if (owner[i] >= 0) add(fieldAgg, `${nt[nodes[i * N + ti]]} <- ${ownerField[i]}`, nodes[i * N + si]);
console.log('== objects by shape');
for (const [k, [c, b]] of [...agg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25)) console.log((b / 1048576).toFixed(2).padStart(7), 'MB', String(c).padStart(8), k.slice(0, 150));
console.log('== strings/arrays by first owner field');
for (const [k, [c, b]] of [...fieldAgg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 30)) console.log((b / 1048576).toFixed(2).padStart(7), 'MB', String(c).padStart(8), k.slice(0, 160));
