// Small pieces the handlers share: 404s for parents, and list pages.
import type { FastifyRequest } from "fastify";
import { type JsonSchema, schema } from "../../spec/document.js";
import type { StoredConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import {
  applyListQuery,
  entityOptions,
  type ItemModel,
  itemModel,
  listOptions,
  nextPageUrl,
  parseQuery,
  type QueryLimits,
  type QueryOptionSet,
} from "../odata/query.js";
import { projection, selectProperties } from "../odata/shape.js";
import { contextUrl } from "../odata/urls.js";
import type { Store } from "../store/store.js";

export function configurationOr404(store: Store, id: string): StoredConfiguration {
  const configuration = store.getConfiguration(id);
  if (!configuration) throw graphErrors.notFound("officeClientConfiguration", id);
  return configuration;
}

/** The item schema of a collection page, e.g. the 200 of `listAssignments`. */
function itemSchema(collection: string): JsonSchema {
  return schema(`${collection}/properties/value/items`);
}

/** What each list may filter, sort, select and expand, read once from the spec. */
export const listModels: Record<"assignments" | "configurations", ItemModel> = {
  assignments: itemModel(itemSchema("officeClientConfigurationAssignmentCollectionResponse")),
  configurations: itemModel(itemSchema("officeClientConfigurationCollectionResponse")),
};

/** What the singleton may select and expand. */
export const officeConfigurationModel: ItemModel = itemModel(schema("officeConfigurationResponse"));

/** A Graph collection page: `@odata.context`, `@odata.count`, `value`, `@odata.nextLink`. */
export function listPage<T extends { "@odata.type": string; id: string }, E extends object>(
  request: FastifyRequest<{ Querystring: Record<string, unknown> }>,
  options: {
    model: ItemModel;
    all: () => Iterable<T>;
    total: number;
    pageSize: number;
    limits: QueryLimits;
    context: string;
    /** The options this list takes (default: all of `listOptions`). */
    allowed?: QueryOptionSet;
    /** The `$expand`ed navigation properties of one item. */
    expand?: (item: T, names: string[]) => E;
  },
) {
  const query = parseQuery(
    request.query,
    options.model,
    options.allowed ?? listOptions,
    options.limits,
  );
  const page = applyListQuery(options.all, options.total, query, options.pageSize);
  const base = `${request.protocol}://${request.host}${request.url.split("?")[0]}`;
  const nextLink = nextPageUrl(base, query, page);
  const { expand: expandItem } = options;
  const names = query.expand ?? [];
  return {
    "@odata.context": contextUrl(request, `${options.context}${projection(query.select)}`),
    ...(page.count === undefined ? {} : { "@odata.count": page.count }),
    value: page.items.map((item) => ({
      "@odata.type": item["@odata.type"],
      id: item.id,
      ...selectProperties(item, query.select),
      ...(expandItem && names.length > 0 ? expandItem(item, names) : undefined),
    })),
    ...(nextLink === undefined ? {} : { "@odata.nextLink": nextLink }),
  };
}

/** `$select` and `$expand` of a single read. @throws GraphError 400 for anything else. */
export function entityQuery(
  request: FastifyRequest<{ Querystring: Record<string, unknown> }>,
  model: ItemModel,
  limits: QueryLimits,
  allowed: QueryOptionSet = entityOptions,
): { select?: string[]; expand: string[] } {
  const { select, expand = [] } = parseQuery(request.query, model, allowed, limits);
  return { select, expand };
}
