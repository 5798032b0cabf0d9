/**
 * Account-entitlement links, indexed by account. Most accounts hold one link (one LeanIX workspace permission per
 * imported account), so an account's only link is stored as is, and a Map keyed by (type, entitlementID) is made
 * from its second link on: at 100,000 accounts that keeps ~25 MB of one-entry Maps and their keys out of the heap.
 */
import type { AccountEntitlementLink } from './types.ts';

type Slot = AccountEntitlementLink | Map<string, AccountEntitlementLink>;

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;
const same = (l: AccountEntitlementLink, type: string, id: string) =>
  l.entitlementType === type && l.entitlementID === id;
/** The link to (type, id) that an account's slot holds, if any. */
function linkIn(slot: Slot | undefined, type: string, id: string): AccountEntitlementLink | undefined {
  if (slot instanceof Map) return slot.get(keyOf(type, id));
  return slot !== undefined && same(slot, type, id) ? slot : undefined;
}

/** Links per account, in insertion order per account. */
export class AccountLinks {
  private slots = new Map<string, Slot>();

  /** Links an account to an entitlement value; returns the existing link when there is one. */
  add(accountName: string, entitlementType: string, entitlementID: string): AccountEntitlementLink {
    const slot = this.slots.get(accountName);
    return (
      linkIn(slot, entitlementType, entitlementID) ?? this.insert(accountName, slot, entitlementType, entitlementID)
    );
  }

  /** Links an account to an entitlement value unless it already is; true when the link is new. */
  addIfAbsent(accountName: string, entitlementType: string, entitlementID: string): boolean {
    const slot = this.slots.get(accountName);
    if (linkIn(slot, entitlementType, entitlementID)) return false;
    this.insert(accountName, slot, entitlementType, entitlementID);
    return true;
  }

  /** Adds a link the account's slot (as read) does not hold: the first one as is, a Map from the second on. */
  private insert(
    accountName: string,
    slot: Slot | undefined,
    entitlementType: string,
    entitlementID: string,
  ): AccountEntitlementLink {
    const link = { accountName, entitlementType, entitlementID };
    if (slot === undefined) this.slots.set(accountName, link);
    else if (slot instanceof Map) slot.set(keyOf(entitlementType, entitlementID), link);
    else
      this.slots.set(
        accountName,
        new Map([
          [keyOf(slot.entitlementType, slot.entitlementID), slot],
          [keyOf(entitlementType, entitlementID), link],
        ]),
      );
    return link;
  }

  /** Removes a link; true when it existed. */
  remove(accountName: string, entitlementType: string, entitlementID: string): boolean {
    const slot = this.slots.get(accountName);
    if (slot === undefined) return false;
    if (slot instanceof Map) return slot.delete(keyOf(entitlementType, entitlementID));
    if (!same(slot, entitlementType, entitlementID)) return false;
    this.slots.delete(accountName);
    return true;
  }

  /** True when the account holds the entitlement. */
  has(accountName: string, entitlementType: string, entitlementID: string): boolean {
    return linkIn(this.slots.get(accountName), entitlementType, entitlementID) !== undefined;
  }

  /** The links of one account. */
  of(accountName: string): AccountEntitlementLink[] {
    const slot = this.slots.get(accountName);
    if (slot === undefined) return [];
    return slot instanceof Map ? [...slot.values()] : [slot];
  }

  /** Every link, account by account. */
  all(): AccountEntitlementLink[] {
    const out: AccountEntitlementLink[] = [];
    for (const slot of this.slots.values()) {
      if (slot instanceof Map) for (const l of slot.values()) out.push(l);
      else out.push(slot);
    }
    return out;
  }

  /** Drops every link of an account. */
  dropAccount(accountName: string): void {
    this.slots.delete(accountName);
  }
}
