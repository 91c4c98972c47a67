// Reading a whole collection by following `@odata.nextLink` (Graph's server-driven paging), and
// the error when the walk would not end: never a silently cut result.

/** Pages `allClientConfigurations` and `allAssignments` read at most, by default. */
export const defaultMaxPages = 1000;

/** A Graph collection page: the items and, when more remain, the next page's absolute URL. */
export interface CollectionPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

/**
 * Thrown by `allClientConfigurations` and `allAssignments` when they stop before the collection
 * ends, instead of returning part of it: `reason` `maxPages` when `maxPages` pages were read and
 * an `@odata.nextLink` is still pending; `repeatedNextLink` when the server sends a link already
 * followed (it pages in a loop, and reading on would never end).
 */
export class PagingError extends Error {
  /** `maxPages` (the limit was reached) or `repeatedNextLink` (the server loops). */
  readonly reason: "maxPages" | "repeatedNextLink";
  /** The limit the walk ran under. */
  readonly maxPages: number;
  /** Pages read, the first included. */
  readonly pages: number;
  /** The `@odata.nextLink` left unfollowed. */
  readonly nextLink: string;

  constructor(
    operation: string,
    reason: PagingError["reason"],
    maxPages: number,
    pages: number,
    nextLink: string,
  ) {
    super(
      reason === "maxPages"
        ? `${operation} read maxPages (${maxPages}) pages and @odata.nextLink is still pending: ${nextLink}. Pass a larger maxPages or narrow the query.`
        : `${operation}: the server sent @odata.nextLink ${nextLink} again after page ${pages}; it pages in a loop, so the walk stops.`,
    );
    this.name = "PagingError";
    this.reason = reason;
    this.maxPages = maxPages;
    this.pages = pages;
    this.nextLink = nextLink;
  }
}

/**
 * Every item of a collection: the first page, then each `@odata.nextLink` verbatim.
 * @throws RangeError when `maxPages` is not a positive integer (before any request).
 * @throws PagingError when the walk reaches `maxPages` with a link pending, or a link repeats.
 */
export async function readAllPages<T>(
  operation: string,
  maxPages: number,
  firstPage: () => Promise<CollectionPage<T>>,
  nextPage: (nextLink: string) => Promise<CollectionPage<T>>,
): Promise<T[]> {
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) {
    throw new RangeError(`${operation}: maxPages must be a positive integer (got ${maxPages}).`);
  }
  const first = await firstPage();
  const items = [...first.value];
  const followed = new Set<string>();
  let pages = 1;
  let next = first["@odata.nextLink"];
  // Bounded: by the maxPages-th page it has returned or thrown.
  while (next) {
    if (followed.has(next))
      throw new PagingError(operation, "repeatedNextLink", maxPages, pages, next);
    if (pages >= maxPages) throw new PagingError(operation, "maxPages", maxPages, pages, next);
    followed.add(next);
    const page = await nextPage(next);
    pages++;
    items.push(...page.value);
    next = page["@odata.nextLink"];
  }
  return items;
}
