// OData's key syntax: `clientConfigurations('id')` addresses the same entity as
// `clientConfigurations/id` (OData URL conventions §4.3; Microsoft's Intune samples use it,
// reference §7). Rewritten to the segment form before routing, so every method and nested route
// takes both.

// A key in parentheses after a collection segment, up to the `)` that ends the segment: the key
// may itself hold `)` inside its quotes. Parentheses may come percent-encoded.
const keySegment = /\/(clientConfigurations|assignments)(?:\(|%28)(.*?)(?:\)|%29)(?=\/|$)/g;

/** The key's text: percent-decoded, quotes removed and doubled quotes undone; unquoted as is. */
function keyValue(raw: string): string | undefined {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    const inner = text.slice(1, -1);
    // A lone quote inside is not a key OData can read.
    if (inner.replaceAll("''", "").includes("'")) return undefined;
    return inner.replaceAll("''", "'");
  }
  return text.includes("'") ? undefined : text;
}

/**
 * `url` with every `collection(key)` under `/beta/officeConfiguration` as `collection/key`; an
 * unreadable key (a lone quote, bad percent-encoding) is left as it is, for the router's 400.
 */
export function rewriteKeySegments(url: string): string {
  if (!url.startsWith("/beta/officeConfiguration/")) return url;
  const at = url.indexOf("?");
  const path = at < 0 ? url : url.slice(0, at);
  if (!path.includes("(") && !path.includes("%28")) return url;
  const rewritten = path.replace(keySegment, (whole, collection: string, raw: string) => {
    const value = keyValue(raw);
    return value === undefined || value === ""
      ? whole
      : `/${collection}/${encodeURIComponent(value)}`;
  });
  return at < 0 ? rewritten : rewritten + url.slice(at);
}
