// Small pieces the handlers share: 404s for parents, and list pages.
import type { FastifyRequest } from "fastify";
import { type JsonSchema, schema } from "../../spec/document.js";
import type { StoredConfiguration } from "../entities.js";
import { graphErrors } from "../errors.js";
import {
  applyListQuery,
  type ItemModel,
  itemModel,
  nextPageUrl,
  parseListQuery,
} from "../odata/query.js";
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

/** What each list may filter, sort and select, read once from the spec. */
export const listModels: Record<"assignments" | "configurations", ItemModel> = {
  assignments: itemModel(itemSchema("officeClientConfigurationAssignmentCollectionResponse")),
  configurations: itemModel(itemSchema("officeClientConfigurationCollectionResponse")),
};

/** A Graph collection page: `@odata.context`, `@odata.count`, `value`, `@odata.nextLink`. */
export function listPage<T extends object>(
  request: FastifyRequest<{ Querystring: Record<string, unknown> }>,
  options: {
    model: ItemModel;
    all: () => Iterable<T>;
    total: number;
    pageSize: number;
    context: string;
  },
) {
  const query = parseListQuery(request.query, options.model);
  const page = applyListQuery(options.all, options.total, query, options.pageSize);
  const base = `${request.protocol}://${request.host}${request.url.split("?")[0]}`;
  const nextLink = nextPageUrl(base, query, page);
  return {
    "@odata.context": contextUrl(request, options.context),
    ...(page.count === undefined ? {} : { "@odata.count": page.count }),
    value: page.items,
    ...(nextLink === undefined ? {} : { "@odata.nextLink": nextLink }),
  };
}
