/** The last import report as diff lines. */
import type { ImportReport } from './types.ts';

/** One diff line: its sign and text. */
export interface DiffLine {
  sign: '+' | '~' | '−';
  text: string;
}

/**
 * The diff lines of an import report: "+" created/added, "~" updated (column: old → new), "−" removed/inactivated;
 * a removal that came from a read stopped by a failed call (outcome `partial`) ends with "(partial read)".
 */
export function importDiff(r: ImportReport): DiffLine[] {
  const lines: DiffLine[] = [];
  const partial = (x: { partialRead?: true }) => (x.partialRead ? ' (partial read)' : '');
  const acct = (name: string, id: string | null) => `account ${name}${id && id !== name ? ` (${id})` : ''}`;
  const v = (x: string | null) => (x === null || x === '' ? '∅' : x);
  for (const a of r.accounts.created)
    lines.push({
      sign: '+',
      text: `${acct(a.name, a.accountID)} status ${a.status}${a.owner ? ` owner ${a.owner}` : ''}`,
    });
  for (const a of r.accounts.updated)
    for (const c of a.changes)
      lines.push({ sign: '~', text: `${acct(a.name, a.accountID)} ${c.column}: ${v(c.from)} → ${v(c.to)}` });
  for (const a of r.accounts.correlated) lines.push({ sign: '~', text: `account ${a.name} owner: ∅ → ${a.owner}` });
  for (const a of r.accounts.suspended)
    lines.push({ sign: '−', text: `${acct(a.name, a.accountID)} suspended, status: ${a.from} → ${a.to}${partial(a)}` });
  for (const a of r.accounts.inactivated)
    lines.push({
      sign: '−',
      text: `${acct(a.name, a.accountID)} inactivated, status: ${a.from} → ${a.to}${partial(a)}`,
    });
  for (const e of r.entitlements.created) lines.push({ sign: '+', text: `entitlement ${e.type} ${e.entitlementID}` });
  for (const e of r.entitlements.updated)
    for (const c of e.changes)
      lines.push({
        sign: '~',
        text: `entitlement ${e.type} ${e.entitlementID} ${c.column}: ${v(c.from)} → ${v(c.to)}`,
      });
  for (const e of r.entitlements.inactivated)
    lines.push({ sign: '−', text: `entitlement ${e.type} ${e.entitlementID} inactivated${partial(e)}` });
  for (const l of r.links.added)
    lines.push({ sign: '+', text: `link ${l.accountName} → ${l.entitlementType} ${l.entitlementID}` });
  for (const l of r.links.removed)
    lines.push({ sign: '−', text: `link ${l.accountName} → ${l.entitlementType} ${l.entitlementID}${partial(l)}` });
  return lines;
}
