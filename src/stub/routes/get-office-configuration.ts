import { contextUrl } from "../odata/urls.js";
import type { Handler, HandlerContext } from "./types.js";

export function getOfficeConfiguration({
  store,
}: HandlerContext): Handler<"getOfficeConfiguration"> {
  return (request, reply) => {
    reply.code(200).send({
      "@odata.context": contextUrl(request, "officeConfiguration/$entity"),
      ...store.getOfficeConfiguration(),
    });
  };
}
