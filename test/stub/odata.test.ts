import type { FastifyRequest } from "fastify";
import t from "tap";
import { contextUrl, entityUrl, key } from "../../src/stub/odata/urls.js";

const request = { protocol: "http", host: "127.0.0.1:3000" } as FastifyRequest;
const id = "c0ffee00-0000-4000-8000-000000000001";

t.test("URLs name the service root the request came in on", async (t) => {
  t.equal(
    entityUrl(request, "officeConfiguration", "clientConfigurations", id, "assignments", "a b/c"),
    `http://127.0.0.1:3000/beta/officeConfiguration/clientConfigurations/${id}/assignments/a%20b%2Fc`,
  );
  t.equal(
    contextUrl(request, `officeConfiguration/clientConfigurations${key(id)}/assignments/$entity`),
    `http://127.0.0.1:3000/beta/$metadata#officeConfiguration/clientConfigurations('${id}')/assignments/$entity`,
  );
});

t.test("key() quotes the id, doubles its quotes and percent-encodes it", async (t) => {
  t.equal(key(id), `('${id}')`);
  t.equal(key("o'brien x"), "('o''brien%20x')");
  t.equal(key(""), "('')");
});
