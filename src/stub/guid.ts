// Version 4 GUIDs (RFC 9562) for the ids of stored entities, as flat strings.
//
// Kept for memory (npm run bench, 1M stored assignments: 313 MB against 687 MB with
// randomUUID): crypto.randomUUID() returns a rope of ~20 linked pieces (~490 bytes) that V8
// keeps as it is when the string is stored; written into a buffer, the 36 characters come back
// as one flat string, from the same cryptographic random source.
import { randomFillSync } from "node:crypto";

const bytesPerGuid = 16;
// Random bytes for 256 GUIDs at a time, refilled when used up (as randomUUID does).
const pool = Buffer.allocUnsafe(bytesPerGuid * 256);
let next = pool.length;
const text = Buffer.allocUnsafe(36);
const hexDigits = Buffer.from("0123456789abcdef", "latin1");
const dash = 0x2d;

export function newGuid(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next;
  next += bytesPerGuid;
  // The version (4) and variant (10xx) bits.
  pool[start + 6] = ((pool[start + 6] as number) & 0x0f) | 0x40;
  pool[start + 8] = ((pool[start + 8] as number) & 0x3f) | 0x80;
  let at = 0;
  for (let index = 0; index < bytesPerGuid; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[at++] = dash;
    const byte = pool[start + index] as number;
    text[at++] = hexDigits[byte >> 4] as number;
    text[at++] = hexDigits[byte & 0x0f] as number;
  }
  return text.toString("latin1", 0, 36);
}
