/** Detects attribute values that EIC exported encrypted (base64 ciphertext instead of JSON). */

/** True when the text is not JSON but base64-looking ciphertext (as EIC exports ConnectionJSON). */
export function looksEncrypted(text: string): boolean {
  const t = text.trim();
  if (t.length < 16) return false;
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) return false;
  return /^[A-Za-z0-9+/=\r\n]+$/.test(t) && /[0-9+/]/.test(t);
}
