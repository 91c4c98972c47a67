// Fastify's JSON parser (secure-json-parse, set to "error") refuses a body holding a `__proto__`
// key or a `constructor` object with its own `prototype` (prototype poisoning), but says only
// "Body is not valid JSON". This finds the key it refused, so the 400 can name it.

interface Node {
  value: object;
  parent?: Node;
  key?: string;
}

const isObject = (value: unknown): value is object => value !== null && typeof value === "object";

/** `a.b.c` from the chain of parents (each key once, so a deep body costs linear time). */
function pathOf(node: Node, last: string): string {
  const keys = [last];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".");
}

/**
 * The first key secure-json-parse refuses in `text`, as a dotted path (`target.__proto__`,
 * `constructor.prototype`), searched breadth-first as the library does; undefined when `text`
 * is not JSON or holds none. Called only once the parser has refused a body.
 */
export function prototypeKeyIn(text: string): string | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  let level: Node[] = isObject(root) ? [{ value: root }] : [];
  while (level.length > 0) {
    const next: Node[] = [];
    for (const node of level) {
      if (Object.hasOwn(node.value, "__proto__")) return pathOf(node, "__proto__");
      const owned: unknown = Object.getOwnPropertyDescriptor(node.value, "constructor")?.value;
      if (isObject(owned) && Object.hasOwn(owned, "prototype")) {
        return pathOf({ value: owned, parent: node, key: "constructor" }, "prototype");
      }
      for (const [key, child] of Object.entries(node.value)) {
        if (isObject(child)) next.push({ value: child, parent: node, key });
      }
    }
    level = next;
  }
  return undefined;
}
