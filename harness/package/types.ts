/**
 * A loaded EIC REST connection package: the connection attributes (ConnectionJSON, ImportAccountEntJSON,
 * CreateAccountJSON, ...) with their text, parsed JSON and where each came from.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';

/** Attribute names of a REST connection (EXTERNAL_ATTR attributename values). */
export const ATTRIBUTE_NAMES = [
  'ConnectionJSON',
  'ImportUserJSON',
  'ImportAccountEntJSON',
  'STATUS_THRESHOLD_CONFIG',
  'CreateAccountJSON',
  'UpdateAccountJSON',
  'EnableAccountJSON',
  'DisableAccountJSON',
  'RemoveAccountJSON',
  'AddAccessJSON',
  'RemoveAccessJSON',
  'UpdateUserJSON',
  'ChangePassJSON',
  'TicketStatusJSON',
  'CreateTicketJSON',
  'ENDPOINTS_FILTER',
  'PasswdPolicyJSON',
  'ConfigJSON',
  'AddFFIDAccessJSON',
  'RemoveFFIDAccessJSON',
  'MODIFYUSERDATAJSON',
  'SendOtpJSON',
  'ValidateOtpJSON',
  'PAM_CONFIG',
] as const;
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

/** One attribute of a package. */
export interface PackageAttribute {
  name: string;
  /** The attribute's JSON text exactly as found (after patches are applied). */
  text: string;
  /** Parsed JSON, or undefined when the text is not valid JSON (see `parseError`). */
  json: unknown;
  /** Where the text came from: a file path, or `export.json#EXTERNAL_ATTR[3]`. */
  source: string;
  parseError?: Diagnostic;
}

/** A loaded connection package. Empty attributes are absent from `attributes`. */
export interface ConnectionPackage {
  /** Connection name (from the export) or the folder/file name. */
  name: string;
  /** The path it was loaded from. */
  origin: string;
  /** `file` is a single attribute file (validate only). */
  kind: 'folder' | 'export' | 'zip' | 'file';
  attributes: Partial<Record<string, PackageAttribute>>;
  /** True when the export's ConnectionJSON was encrypted and no plaintext replacement was given. */
  connectionEncrypted: boolean;
  /** Problems met while loading (not validation findings). */
  diagnostics: Diagnostic[];
}
