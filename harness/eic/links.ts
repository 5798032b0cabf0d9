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

/** Links per account, in insertion order per account. */
export class AccountLinks {
  private slots = new Map<string, Slot>();

  /** Links an account to an entitlement value; returns the existing link when there is one. */
  add(accountName: string, entitlementType: string, entitlementID: string): AccountEntitlementLink {
    const slot = this.slots.get(accountName);
    if (slot === undefined) {
      const link = { accountName, entitlementType, entitlementID };
      this.slots.set(accountName, link);
      return link;
    }
    if (!(slot instanceof Map)) {
      if (same(slot, entitlementType, entitlementID)) return slot;
      const link = { accountName, entitlementType, entitlementID };
      this.slots.set(
        accountName,
        new Map([
          [keyOf(slot.entitlementType, slot.entitlementID), slot],
          [keyOf(entitlementType, entitlementID), link],
        ]),
      );
      return link;
    }
    const key = keyOf(entitlementType, entitlementID);
    const existing = slot.get(key);
    if (existing) return existing;
    const link = { accountName, entitlementType, entitlementID };
    slot.set(key, link);
    return link;
  }

  /** Links an account to an entitlement value unless it already is; true when the link is new. */
  addIfAbsent(accountName: string, entitlementType: string, entitlementID: string): boolean {
    const slot = this.slots.get(accountName);
    if (slot === undefined) {
      this.slots.set(accountName, { accountName, entitlementType, entitlementID });
      return true;
    }
    if (
      slot instanceof Map ? slot.has(keyOf(entitlementType, entitlementID)) : same(slot, entitlementType, entitlementID)
    )
      return false;
    this.add(accountName, entitlementType, entitlementID);
    return true;
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
    const slot = this.slots.get(accountName);
    if (slot === undefined) return false;
    return slot instanceof Map
      ? slot.has(keyOf(entitlementType, entitlementID))
      : same(slot, entitlementType, entitlementID);
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
