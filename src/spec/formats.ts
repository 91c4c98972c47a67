// The string formats where ajv-formats is looser than the standards the spec means: its
// `date-time` takes a space for `T` and its `uuid` a `urn:uuid:` prefix. Both are regular
// expressions, so Ajv's standalone code (scripts/generate.ts) inlines them: the stub's
// precompiled validators and the checker's compiled ones judge alike.

const dayOfMonth =
  "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))";
// 29 February: years divisible by 4, except centuries not divisible by 400.
const leapDay = "(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29";

/**
 * RFC 3339 §5.6 `date-time`: `full-date "T" full-time`, a real calendar day, an offset (`Z` or
 * `±hh:mm`) required, `T` and `Z` in either case (§5.6 NOTE), a leap second (`:60`) allowed.
 */
export const rfc3339DateTime = new RegExp(
  `^(?:\\d{4}-${dayOfMonth}|${leapDay})T(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`,
  "i",
);

/** RFC 9562 UUID in its plain hexadecimal form, any case, no `urn:uuid:` prefix. */
export const plainUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
