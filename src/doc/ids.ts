const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id of `length` base-36 characters from the platform's CSPRNG. */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 252 = 7 * 36: rejecting bytes above it keeps every character equally likely.
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i];
    while (b >= 252) b = globalThis.crypto.getRandomValues(new Uint8Array(1))[0];
    id += ALPHABET[b % 36];
  }
  return id;
}
