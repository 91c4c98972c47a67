// OData query options on lists: $top, $skip, $filter, $orderby, $select, $count, and paging
// with @odata.nextLink (reference §3.3). What may be filtered, sorted and selected is read from
// the collection's item schema in openapi.yaml, so a new property works without code.

import type { JsonSchema } from "../../spec/document.js";
import { type GraphError, graphErrors } from "../errors.js";

type Scalar = string | number | boolean | null;
type Kind = "string" | "number" | "boolean";

/** The filterable shape of an item type: scalar properties, and one level into complex ones. */
export interface ItemModel {
  typeName: string;
  /** Top-level property names (for $select). */
  properties: Set<string>;
  /** Navigation properties (for $expand): those the spec marks `x-graph-navigation`. */
  navigation: Set<string>;
  /** Scalar paths (`priority`, `target/groupId`) and their JSON kind. */
  scalars: Map<string, Kind>;
}

export interface ListQuery {
  top?: number;
  skip: number;
  filter?: (item: Record<string, unknown>) => boolean;
  orderby?: (a: Record<string, unknown>, b: Record<string, unknown>) => number;
  select?: string[];
  /** Navigation properties to inline, e.g. `["assignments"]`. */
  expand?: string[];
  count: boolean;
  /** The options as given, $-prefixed, for the next page's link. */
  given: Record<string, string>;
}

/**
 * What one query may cost (issue: bounded work per request). Over a limit is a 400 before any
 * item is read. The defaults are the stub's options (src/stub/options.ts).
 */
export interface QueryLimits {
  /** Most nodes in a `$filter` tree (operators, properties, literals, calls); ASP.NET OData's `MaxNodeCount`, default 100. */
  maxFilterNodes: number;
  /** Deepest nesting of parentheses and `not` in a `$filter`. */
  maxFilterDepth: number;
  /** Most `$orderby` keys; ASP.NET OData's `MaxOrderByNodeCount`, default 5. */
  maxOrderbyKeys: number;
}

/** The system query options an operation takes: lists, single reads, `$count`. */
export type QueryOptionSet = readonly string[];
export const listOptions: QueryOptionSet = [
  "$top",
  "$skip",
  "$filter",
  "$orderby",
  "$select",
  "$expand",
  "$count",
];
export const entityOptions: QueryOptionSet = ["$select", "$expand"];
export const countOptions: QueryOptionSet = ["$filter"];

// Graph serves these elsewhere; where an operation does not take one, it is refused, not ignored.
const known = [...listOptions, "$search", "$format", "$skiptoken", "$apply", "$compute"];

/** The option's `$` name when `name` is a system query option (`top` counts, as beta takes it). */
export function systemOptionName(name: string): string | undefined {
  if (name.startsWith("$")) return name;
  return known.includes(`$${name}`) ? `$${name}` : undefined;
}

const badQuery = graphErrors.badRequest;
const notAllowed = graphErrors.queryOptionNotAllowed;

function noProperty(name: string, model: ItemModel): GraphError {
  return graphErrors.noSuchProperty(name, model.typeName);
}

// ---------------------------------------------------------------------------------------------
// The item model, read from the spec's item schema.

function kindOf(schema: JsonSchema): Kind | undefined {
  const types = ([] as unknown[]).concat(schema.type ?? []).filter((t) => t !== "null");
  if (types.length !== 1) return undefined;
  const [type] = types;
  if (type === "string") return "string";
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  return undefined;
}

function collectProperties(schema: JsonSchema, into: Map<string, JsonSchema>): void {
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? [])
    collectProperties(part, into);
  for (const branch of (schema.oneOf as JsonSchema[] | undefined) ?? []) {
    collectProperties(branch, into);
  }
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    if (!into.has(name)) into.set(name, property);
  }
}

export function itemModel(itemSchema: JsonSchema): ItemModel {
  const top = new Map<string, JsonSchema>();
  collectProperties(itemSchema, top);
  const scalars = new Map<string, Kind>();
  const navigation = new Set<string>();
  for (const [name, property] of top) {
    // Instance annotations (`@odata.context`, `assignments@odata.context`) are not properties.
    if (name === "@odata.context" || /.@odata\./.test(name)) {
      top.delete(name);
      continue;
    }
    if (property["x-graph-navigation"] === true) {
      navigation.add(name);
      top.delete(name);
      continue;
    }
    const kind = kindOf(property);
    if (kind) {
      scalars.set(name, kind);
      continue;
    }
    const nested = new Map<string, JsonSchema>();
    collectProperties(property, nested);
    for (const [child, childSchema] of nested) {
      const childKind = kindOf(childSchema);
      if (childKind) scalars.set(`${name}/${child}`, childKind);
    }
  }
  return {
    typeName: String(itemSchema["x-graph-type"] ?? "microsoft.graph.entity"),
    properties: new Set(top.keys()),
    navigation,
    scalars,
  };
}

// ---------------------------------------------------------------------------------------------
// $filter: a small recursive-descent parser into a predicate.

interface Token {
  kind: "string" | "number" | "word" | "(" | ")" | ",";
  text: string;
  value?: Scalar;
  at: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, text: c, at: i });
      i++;
    } else if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw badQuery(
            `Invalid $filter: unterminated string literal at position ${i}.`,
            "$filter",
          );
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ kind: "string", text: text.slice(i, j + 1), value, at: i });
      i = j + 1;
    } else {
      const match = /^(-?\d+(\.\d+)?(?![\w.@])|[A-Za-z_@][\w.@/]*)/.exec(text.slice(i));
      if (!match) throw badQuery(`Invalid $filter: unexpected '${c}' at position ${i}.`, "$filter");
      const word = match[0];
      if (/^-?\d/.test(word))
        tokens.push({ kind: "number", text: word, value: Number(word), at: i });
      else tokens.push({ kind: "word", text: word, at: i });
      i += word.length;
    }
  }
  return tokens;
}

type Predicate = (item: Record<string, unknown>) => boolean;
const comparisons = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
// Graph's docs write `startsWith(...)`; function names match in any case (reference §7).
const functions = new Set(["startswith", "endswith", "contains"]);

export function readPath(item: Record<string, unknown>, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split("/")) {
    value =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value ?? null;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

class FilterParser {
  #i = 0;
  #nodes = 0;
  #depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly model: ItemModel,
    private readonly limits: QueryLimits,
  ) {}

  /** Counts `n` nodes of the tree; past the limit the parse stops with a 400. */
  #node(n = 1): void {
    this.#nodes += n;
    if (this.#nodes > this.limits.maxFilterNodes)
      throw graphErrors.filterTooLarge(this.limits.maxFilterNodes);
  }

  parse(): Predicate {
    if (this.tokens.length === 0)
      throw badQuery("Invalid $filter: the expression is empty.", "$filter");
    const predicate = this.or();
    const extra = this.tokens[this.#i];
    if (extra)
      throw badQuery(
        `Invalid $filter: unexpected '${extra.text}' at position ${extra.at}.`,
        "$filter",
      );
    return predicate;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  #next(expected: string): Token {
    const token = this.tokens[this.#i++];
    if (!token)
      throw badQuery(
        `Invalid $filter: expected ${expected} at the end of the expression.`,
        "$filter",
      );
    return token;
  }

  #isWord(word: string): boolean {
    return this.#peek()?.kind === "word" && this.#peek()?.text === word;
  }

  or(): Predicate {
    let left = this.and();
    while (this.#isWord("or")) {
      this.#i++;
      this.#node();
      const a = left;
      const b = this.and();
      left = (item) => a(item) || b(item);
    }
    return left;
  }

  and(): Predicate {
    let left = this.unary();
    while (this.#isWord("and")) {
      this.#i++;
      this.#node();
      const a = left;
      const b = this.unary();
      left = (item) => a(item) && b(item);
    }
    return left;
  }

  unary(): Predicate {
    // The recursion is as deep as the nesting: bounded before the stack is.
    if (++this.#depth > this.limits.maxFilterDepth)
      throw graphErrors.filterTooDeep(this.limits.maxFilterDepth);
    const predicate = this.#operand();
    this.#depth--;
    return predicate;
  }

  #operand(): Predicate {
    if (this.#isWord("not")) {
      this.#i++;
      this.#node();
      const inner = this.unary();
      return (item) => !inner(item);
    }
    const token = this.#next("a comparison");
    if (token.kind === "(") {
      const inner = this.or();
      const close = this.#next("')'");
      if (close.kind !== ")")
        throw badQuery(`Invalid $filter: expected ')' at position ${close.at}.`, "$filter");
      return inner;
    }
    const name = token.text.toLowerCase();
    if (token.kind === "word" && functions.has(name) && this.#peek()?.kind === "(") {
      return this.#call(name);
    }
    if (token.kind !== "word") {
      throw badQuery(
        `Invalid $filter: expected a property name at position ${token.at}, found '${token.text}'.`,
        "$filter",
      );
    }
    const kind = this.#property(token.text);
    const operator = this.#next("an operator");
    if (operator.kind !== "word" || !comparisons.has(operator.text)) {
      throw badQuery(
        `Invalid $filter: '${operator.text}' at position ${operator.at} is not a supported operator (eq, ne, gt, ge, lt, le).`,
        "$filter",
      );
    }
    const literal = this.#literal(kind, token.text, operator.text);
    this.#node(3);
    const path = token.text;
    switch (operator.text) {
      case "eq":
        return (item) => readPath(item, path) === literal;
      case "ne":
        return (item) => readPath(item, path) !== literal;
      default: {
        const sign = operator.text;
        return (item) => {
          const value = readPath(item, path);
          if (value === null || literal === null) return false;
          const order = compare(value, literal);
          return sign === "gt"
            ? order > 0
            : sign === "ge"
              ? order >= 0
              : sign === "lt"
                ? order < 0
                : order <= 0;
        };
      }
    }
  }

  #call(name: string): Predicate {
    this.#next("'('");
    const property = this.#next("a property name");
    if (property.kind !== "word")
      throw badQuery(`Invalid $filter: ${name} needs a property name first.`, "$filter");
    const kind = this.#property(property.text);
    if (kind !== "string")
      throw badQuery(
        `Invalid $filter: ${name} needs a string property, and '${property.text}' is not one.`,
        "$filter",
      );
    const comma = this.#next("','");
    if (comma.kind !== ",")
      throw badQuery(`Invalid $filter: expected ',' at position ${comma.at}.`, "$filter");
    const literal = this.#literal("string", property.text, name);
    const close = this.#next("')'");
    if (close.kind !== ")")
      throw badQuery(`Invalid $filter: expected ')' at position ${close.at}.`, "$filter");
    this.#node(3);
    const path = property.text;
    const needle = String(literal);
    return (item) => {
      const value = readPath(item, path);
      if (typeof value !== "string") return false;
      return name === "startswith"
        ? value.startsWith(needle)
        : name === "endswith"
          ? value.endsWith(needle)
          : value.includes(needle);
    };
  }

  #property(path: string): Kind {
    const kind = this.model.scalars.get(path);
    if (!kind) throw noProperty(path, this.model);
    return kind;
  }

  #literal(kind: Kind, path: string, operator: string): Scalar {
    const token = this.#next("a value");
    let value: Scalar;
    let literalKind: Kind | "null";
    if (token.kind === "string" || token.kind === "number") {
      value = token.value as Scalar;
      literalKind = token.kind;
    } else if (token.kind === "word" && ["true", "false", "null"].includes(token.text)) {
      value = token.text === "null" ? null : token.text === "true";
      literalKind = token.text === "null" ? "null" : "boolean";
    } else {
      throw badQuery(
        `Invalid $filter: expected a value at position ${token.at}, found '${token.text}'.`,
        "$filter",
      );
    }
    if (literalKind !== "null" && literalKind !== kind) {
      throw badQuery(
        `Invalid $filter: '${path}' is a ${kind} and cannot be compared (${operator}) with the ${literalKind} ${token.text}.`,
        "$filter",
      );
    }
    return value;
  }
}

/** @throws GraphError 400 for a malformed expression, an unknown property or a limit passed. */
export function parseFilter(text: string, model: ItemModel, limits: QueryLimits): Predicate {
  return new FilterParser(tokenize(text), model, limits).parse();
}

// ---------------------------------------------------------------------------------------------
// $orderby, $select, and the whole option set.

export function parseOrderby(
  text: string,
  model: ItemModel,
  limits: QueryLimits,
): ListQuery["orderby"] {
  const parts = text.split(",");
  if (parts.length > limits.maxOrderbyKeys) throw graphErrors.orderbyTooLong(limits.maxOrderbyKeys);
  const seen = new Set<string>();
  const keys = parts.map((part) => {
    const [path = "", direction = "asc", ...rest] = part.trim().split(/\s+/);
    if (path === "" || rest.length > 0 || !["asc", "desc"].includes(direction)) {
      throw badQuery(
        `Invalid $orderby: '${part.trim()}' must be a property name, optionally followed by asc or desc.`,
        "$orderby",
      );
    }
    if (!model.scalars.has(path)) throw noProperty(path, model);
    // OData refuses a key given twice (ASP.NET OData's OrderByQueryOption).
    if (seen.has(path)) throw graphErrors.orderbyRepeated(path);
    seen.add(path);
    return { path, sign: direction === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { path, sign } of keys) {
      const order = compare(readPath(a, path), readPath(b, path));
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}

export function parseSelect(text: string, model: ItemModel): string[] {
  const names = text.split(",").map((name) => name.trim());
  for (const name of names) {
    if (!model.properties.has(name)) throw noProperty(name, model);
  }
  return names;
}

/** `$expand`: navigation properties by name, or `*` for all of them; no nested options. */
export function parseExpand(text: string, model: ItemModel): string[] {
  const names = new Set<string>();
  for (const part of text.split(",").map((name) => name.trim())) {
    if (part === "*") {
      for (const name of model.navigation) names.add(name);
    } else if (model.navigation.has(part)) {
      names.add(part);
    } else if (model.properties.has(part)) {
      throw graphErrors.notNavigation(part, model.typeName);
    } else {
      throw noProperty(part, model);
    }
  }
  return [...names];
}

/**
 * Reads the system query options an operation takes (`allowed`) from the parsed query string
 * (already validated against the spec's parameter schemas, and checked for repeats and digits by
 * `checkRawQuery`). Graph beta also takes them without `$`; an unknown `$` option, or a known one
 * the operation does not take, is a 400.
 * @throws GraphError 400, before any item is read.
 */
export function parseQuery(
  query: Record<string, unknown>,
  model: ItemModel,
  allowed: QueryOptionSet,
  limits: QueryLimits,
): ListQuery {
  const given: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(query)) {
    const name = systemOptionName(rawName);
    if (name === undefined) continue;
    if (!allowed.includes(name)) throw notAllowed(name);
    given[name] = String(rawValue);
  }
  const integer = (name: string): number | undefined => {
    const value = given[name];
    return value === undefined ? undefined : nonNegativeInteger(name, value);
  };
  const count = given.$count;
  if (count !== undefined && count !== "true" && count !== "false") {
    throw badQuery(`Invalid value '${count}' for $count: expected true or false.`, "$count");
  }
  return {
    top: integer("$top"),
    skip: integer("$skip") ?? 0,
    filter: given.$filter === undefined ? undefined : parseFilter(given.$filter, model, limits),
    orderby: given.$orderby === undefined ? undefined : parseOrderby(given.$orderby, model, limits),
    select: given.$select === undefined ? undefined : parseSelect(given.$select, model),
    expand: given.$expand === undefined ? undefined : parseExpand(given.$expand, model),
    count: count === "true",
    given,
  };
}

/** `$top` and `$skip`: digits only (OData's ABNF), at most int32. @throws GraphError 400 */
export function nonNegativeInteger(name: string, value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2147483647) {
    throw badQuery(`Invalid value '${value}' for ${name}: expected a non-negative integer.`, name);
  }
  return Number(value);
}

export interface Page<T> {
  items: T[];
  /** With $count=true: how many match across all pages. */
  count?: number;
  /** The $skip of the next page (always past this page's), when this one was cut. */
  nextSkip?: number;
}

/**
 * Applies the options to a collection. `$top` is the page size (Graph's paging: the rest follows
 * through `@odata.nextLink`), capped by the server's `pageSize`. Without $filter and $orderby it
 * walks only the page (plus `skip`), so a page costs the same whatever the collection's size.
 */
export function applyListQuery<T extends object>(
  all: () => Iterable<T>,
  total: number,
  query: ListQuery,
  pageSize: number,
): Page<T> {
  const limit = Math.min(query.top ?? Number.POSITIVE_INFINITY, pageSize);
  let items: T[];
  let matched: number;
  if (!query.filter && !query.orderby) {
    items = [];
    matched = total;
    let index = 0;
    for (const item of all()) {
      if (items.length >= limit) break;
      if (index++ >= query.skip) items.push(item);
    }
  } else {
    let list = [...all()];
    const filter = query.filter;
    if (filter) list = list.filter((item) => filter(item as Record<string, unknown>));
    const orderby = query.orderby;
    if (orderby)
      list.sort((a, b) => orderby(a as Record<string, unknown>, b as Record<string, unknown>));
    matched = list.length;
    items = list.slice(query.skip, query.skip + limit);
  }
  // A next page only after a full, non-empty page that stops short of the end: so every link's
  // $skip is past this one's, and $top=0 (zero items, OData) or a $skip past the end links nowhere.
  const cut = items.length > 0 && items.length === limit && query.skip + items.length < matched;
  return {
    items,
    count: query.count ? matched : undefined,
    nextSkip: cut ? query.skip + items.length : undefined,
  };
}

/** How many of `all` match `filter`; `total` without one (nothing is read). */
export function countMatching<T extends object>(
  all: Iterable<T>,
  total: number,
  filter: ListQuery["filter"],
): number {
  if (!filter) return total;
  let count = 0;
  for (const item of all) if (filter(item as Record<string, unknown>)) count++;
  return count;
}

/**
 * The next page's absolute URL: the request's own options (`$top`, `$filter`, `$orderby`,
 * `$select`, `$expand`, `$count`) with `$skip` moved on.
 */
export function nextPageUrl(
  base: string,
  query: ListQuery,
  page: Page<unknown>,
): string | undefined {
  if (page.nextSkip === undefined) return undefined;
  const options: Record<string, string> = { ...query.given, $skip: String(page.nextSkip) };
  const search = Object.entries(options)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${base}?${search}`;
}
