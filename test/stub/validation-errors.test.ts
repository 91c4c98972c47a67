import t from "tap";
import { validationError } from "../../src/stub/errors.js";

t.test("no Ajv error to describe still gives a Graph 400, never a crash", async (t) => {
  const error = validationError([], "body");
  t.equal(error.statusCode, 400);
  t.equal(error.code, "BadRequest");
  t.equal(error.message, "The request is invalid.");
});

t.test("a keyword without its own wording still names the field", async (t) => {
  const error = validationError(
    [
      {
        keyword: "maxLength",
        instancePath: "/id",
        schemaPath: "#/properties/id/maxLength",
        params: { limit: 3 },
        message: "must NOT have more than 3 characters",
      },
    ],
    "body",
  );
  t.equal(error.message, "The property 'id' must NOT have more than 3 characters.");
  t.equal(error.target, "id");
});
