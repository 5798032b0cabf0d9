/**
 * Hosts a SaaS EIC cannot reach: loopback, private and link-local addresses, `localhost`, local-only names, and
 * single-label names such as `hostname` (opsramp's ConnectionJSON in the corpus). EIC runs in Saviynt's cloud, so such
 * a URL only works through an on-premises connector or a VPN [INF]; hence a warning, not an error.
 */

/** Why the host is not reachable from a SaaS EIC, or undefined when it looks like a public host. */
export function unreachableHost(host: string): string | undefined {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === '') return undefined;
  if (h === 'localhost' || h.endsWith('.localhost')) return 'it is the machine EIC itself runs on (localhost)';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return 'it is a loopback address';
    if (a === 0) return 'it is not a routable address';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'it is a private address';
    if (a === 169 && b === 254) return 'it is a link-local address';
    if (a === 100 && b >= 64 && b <= 127) return 'it is a carrier-grade NAT address';
    return undefined;
  }
  if (h.includes(':')) {
    if (h === '::1') return 'it is a loopback address';
    if (/^f[cd][0-9a-f]{2}:/.test(h)) return 'it is a private (unique local) address';
    if (/^fe[89ab][0-9a-f]:/.test(h)) return 'it is a link-local address';
    return undefined;
  }
  if (/\.(local|internal|lan|corp|home|intranet)$/.test(h))
    return `".${h.split('.').pop()}" names resolve only inside a private network`;
  if (!h.includes('.'))
    return `"${host.trim()}" is a single-label name (a placeholder, or a name only a private network resolves)`;
  return undefined;
}
