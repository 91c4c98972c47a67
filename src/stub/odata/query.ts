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
  /** Scalar paths (`priority`, `target/groupId`) and their JSON kind. */
  scalars: Map<string, Kind>;
}

export interface ListQuery {
  top?: number;
  skip: number;
  filter?: (item: Record<string, unknown>) => boolean;
  orderby?: (a: Record<string, unknown>, b: Record<string, unknown>) => number;
  select?: string[];
  count: boolean;
  /** The options as given, $-prefixed, for the next page's link. */
  given: Record<string, string>;
}

const supported = ["$top", "$skip", "$filter", "$orderby", "$select", "$count"];
// Graph serves these elsewhere; on these lists they are refused, not ignored.
const known = [...supported, "$expand", "$search", "$format", "$skiptoken", "$apply", "$compute"];

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
  for (const [name, property] of top) {
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
  constructor(
    private readonly tokens: Token[],
    private readonly model: ItemModel,
  ) {}

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
      const a = left;
      const b = this.unary();
      left = (item) => a(item) && b(item);
    }
    return left;
  }

  unary(): Predicate {
    if (this.#isWord("not")) {
      this.#i++;
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
    if (token.kind === "word" && functions.has(token.text) && this.#peek()?.kind === "(") {
      return this.#call(token.text);
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

export function parseFilter(text: string, model: ItemModel): Predicate {
  return new FilterParser(tokenize(text), model).parse();
}

// ---------------------------------------------------------------------------------------------
// $orderby, $select, and the whole option set.

export function parseOrderby(text: string, model: ItemModel): ListQuery["orderby"] {
  const keys = text.split(",").map((part) => {
    const [path = "", direction = "asc", ...rest] = part.trim().split(/\s+/);
    if (path === "" || rest.length > 0 || !["asc", "desc"].includes(direction)) {
      throw badQuery(
        `Invalid $orderby: '${part.trim()}' must be a property name, optionally followed by asc or desc.`,
        "$orderby",
      );
    }
    if (!model.scalars.has(path)) throw noProperty(path, model);
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

/**
 * Reads the list options from the parsed query string (already validated against the spec's
 * parameter schemas). Graph beta also takes them without `$`.
 */
export function parseListQuery(query: Record<string, unknown>, model: ItemModel): ListQuery {
  const given: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(query)) {
    const name = rawName.startsWith("$") ? rawName : `$${rawName}`;
    if (!known.includes(name)) {
      if (rawName.startsWith("$")) throw notAllowed(rawName);
      continue;
    }
    if (!supported.includes(name)) throw notAllowed(name);
    if (Array.isArray(rawValue))
      throw badQuery(`The query option '${name}' may be given once.`, name);
    given[name] = String(rawValue);
  }
  const integer = (name: string): number | undefined => {
    const value = given[name];
    if (value === undefined) return undefined;
    if (!/^\d{1,10}$/.test(value) || Number(value) > 2147483647) {
      throw badQuery(
        `Invalid value '${value}' for ${name}: expected a non-negative integer.`,
        name,
      );
    }
    return Number(value);
  };
  const count = given.$count;
  if (count !== undefined && count !== "true" && count !== "false") {
    throw badQuery(`Invalid value '${count}' for $count: expected true or false.`, "$count");
  }
  return {
    top: integer("$top"),
    skip: integer("$skip") ?? 0,
    filter: given.$filter === undefined ? undefined : parseFilter(given.$filter, model),
    orderby: given.$orderby === undefined ? undefined : parseOrderby(given.$orderby, model),
    select: given.$select === undefined ? undefined : parseSelect(given.$select, model),
    count: count === "true",
    given,
  };
}

export interface Page<T> {
  items: T[];
  /** With $count=true: how many match across all pages. */
  count?: number;
  /** The $skip of the next page, when this one was cut. */
  nextSkip?: number;
  /** The $top left for the next page, when $top was given. */
  nextTop?: number;
}

/**
 * Applies the options to a collection. Without $filter and $orderby it walks only the page
 * (plus `skip`), so a page costs the same whatever the collection's size.
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
  const wanted = Math.min(query.top ?? Number.POSITIVE_INFINITY, matched - query.skip);
  const cut = items.length < wanted;
  const select = query.select;
  const shaped = select
    ? items.map((item) => {
        const record = item as Record<string, unknown>;
        const picked: Record<string, unknown> = {
          "@odata.type": record["@odata.type"],
          id: record.id,
        };
        for (const name of select) if (name in record) picked[name] = record[name];
        return picked as T;
      })
    : items;
  return {
    items: shaped,
    count: query.count ? matched : undefined,
    nextSkip: cut ? query.skip + items.length : undefined,
    nextTop: cut && query.top !== undefined ? query.top - items.length : undefined,
  };
}

/** The next page's URL: the request's own, with $skip (and $top) moved on. */
export function nextPageUrl(
  base: string,
  query: ListQuery,
  page: Page<unknown>,
): string | undefined {
  if (page.nextSkip === undefined) return undefined;
  const options: Record<string, string> = { ...query.given, $skip: String(page.nextSkip) };
  if (page.nextTop !== undefined) options.$top = String(page.nextTop);
  const search = Object.entries(options)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${base}?${search}`;
}
