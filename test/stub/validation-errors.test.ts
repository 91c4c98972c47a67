import t from "tap";
import { validationError } from "../../src/stub/errors.js";

t.test("no Ajv error to describe still gives a Graph 400, never a crash", async (t) => {
  const error = validationError([], "body", 20);
  t.equal(error.statusCode, 400);
  t.equal(error.code, "BadRequest");
  t.equal(error.message, "The request is invalid.");
});

t.test("a keyword without its own wording still names the field", async (t) => {
  const error = validationError(
    [
      {
        keyword: "maxItems",
        instancePath: "/id",
        schemaPath: "#/properties/id/maxItems",
        params: { limit: 3 },
        message: "must NOT have more than 3 items",
      },
    ],
    "body",
    20,
  );
  t.equal(error.message, "The property 'id' must NOT have more than 3 items.");
  t.equal(error.target, "id");
});
