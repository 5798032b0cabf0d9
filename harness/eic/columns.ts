/**
 * EIC's domain classes as templates see them: `user`, `account` and `entitlementValue` are objects of Saviynt's Grails
 * domain classes (Users, Accounts, Entitlement_values), not maps [INF: saviynt-rest-connector.md Fidelity addendum,
 * "Binding objects"]. A template reading a column outside the class fails with MissingPropertyException naming the
 * class; a known column without a value is null. This module holds the class names and column lists; the binding
 * builder (harness/jobs/provision/bindings.ts) turns EIC records into the binding engine's DomainObject.
 */
import { DomainObject } from '../groovy/index.ts';

/**
 * Java class names as EIC reports them. Users: `com.saviynt.ecm.identitywarehouse.domain.Users` appears as
 * `userDetailsClass` in a public Saviynt EIC configuration file (Grails spring-security config; repository not
 * recorded) [SEEN]. Accounts and Entitlement_values are inferred from the same package and the table names
 * `accounts` / `entitlement_values` [INF]. Overridable through `eicObjects(..., classes)`.
 */
export const EIC_CLASS_NAMES = {
  user: 'com.saviynt.ecm.identitywarehouse.domain.Users',
  account: 'com.saviynt.ecm.identitywarehouse.domain.Accounts',
  entitlementValue: 'com.saviynt.ecm.identitywarehouse.domain.Entitlement_values',
} as const;

/** Highest customproperty number of Accounts and Entitlement_values (CP1-45) [DOC S13]. */
export const MAX_CUSTOM_PROPERTY = 45;

const customProperties = (n: number): string[] => Array.from({ length: n }, (_, i) => `customproperty${i + 1}`);

/**
 * Users-table columns templates use (reference section 4, "user.*" row) [SEEN S2], with `phoneNumber` as well as
 * `phonenumber` (both spellings occur; the builder resolves them case-insensitively), and customproperty1..65
 * (EIC's users table) [INF].
 */
export const USER_COLUMNS: readonly string[] = [
  'username',
  'firstname',
  'lastname',
  'middlename',
  'displayname',
  'email',
  'systemUserName',
  'employeeid',
  'employeeclass',
  'title',
  'departmentname',
  'departmentNumber',
  'companyname',
  'costcenter',
  'city',
  'state',
  'country',
  'street',
  'regioncode',
  'siteid',
  'jobCode',
  'statuskey',
  'startdate',
  'phonenumber',
  'phoneNumber',
  'secondaryEmail',
  'secondaryPhone',
  'preferedFirstName',
  'manager',
  ...customProperties(65),
];

/**
 * Accounts columns: the fixed left-hand keys of colsToPropsMap (reference section 0) [SEEN S2], customproperty1..45
 * (CP1-30 varchar(255), CP31-45 tinytext) [DOC S13].
 */
export const ACCOUNT_COLUMNS: readonly string[] = [
  'accountID',
  'name',
  'displayName',
  'status',
  'description',
  'lastlogondate',
  'created_on',
  'updatedate',
  ...customProperties(MAX_CUSTOM_PROPERTY),
];

/** The named columns of a class, without its customproperty1..N (for messages that list them). */
export const namedColumns = (columns: readonly string[]): string[] =>
  columns.filter((c) => !/^customproperty\d+$/.test(c));

/**
 * Entitlement_values columns: the fixed colsToPropsMap keys of entitlements (reference section 0) [SEEN S2];
 * customproperty1..45 like accounts [INF].
 */
export const ENTITLEMENT_VALUE_COLUMNS: readonly string[] = [
  'entitlementID',
  'entitlement_value',
  'displayname',
  'description',
  'entitlement_glossary',
  'createdate',
  'updatedate',
  ...customProperties(MAX_CUSTOM_PROPERTY),
];

/** Which EIC class a binding variable holds. */
export type EicObjectKind = keyof typeof EIC_CLASS_NAMES;

/** The column list of each EIC class. */
export const EIC_COLUMNS: Record<EicObjectKind, readonly string[]> = {
  user: USER_COLUMNS,
  account: ACCOUNT_COLUMNS,
  entitlementValue: ENTITLEMENT_VALUE_COLUMNS,
};

/**
 * An EIC record as the domain object templates see: the class's columns plus the record's own columns (also read
 * from the record: colsToPropsMap and imports store EIC columns there), null where empty.
 */
export function eicObject(
  kind: EicObjectKind,
  record: Record<string, unknown>,
  classes: Partial<Record<EicObjectKind, string>> = {},
): DomainObject {
  return new DomainObject(classes[kind] ?? EIC_CLASS_NAMES[kind], EIC_COLUMNS[kind], record);
}
