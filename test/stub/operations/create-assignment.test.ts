import t from "tap";
import type { StoredAssignment } from "../../../src/stub/entities.js";
import { MemoryStore } from "../../../src/stub/store/memory.js";
import { build } from "../../helpers/build.js";
import {
  assertContract,
  documentedStatuses,
  type ErrorBody,
  exercisedStatuses,
} from "../../helpers/contract.js";
import { assertInjectedFaults } from "../../helpers/faults.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  demoConfigurationId,
  graphDate,
  groupRequest,
  guid,
  json,
  seedRequest,
  seedResponse,
} from "../../helpers/requests.js";
import { assertStoreFull } from "../../helpers/statuses.js";
import { bearer, jwt, readOnly } from "../../helpers/tokens.js";

t.test("the seed's example request → 201 with the seed's example response", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
  t.equal(res.statusCode, 201);
  const body = assertContract<StoredAssignment & { "@odata.context": string }>(
    t,
    "createAssignment",
    res,
  );
  const { id, "@odata.context": context, ...rest } = body;
  t.match(id, guid, "server-generated GUID id");
  t.same(rest, seedResponse, "field for field as the seed shows, apart from the id");
  t.equal(
    context,
    `http://localhost:80/beta/$metadata#officeConfiguration/clientConfigurations('${demoConfigurationId}')/assignments/$entity`,
  );
  t.equal(res.headers.location, `http://localhost:80${assignmentsPath}/${id}`, "Location names it");
  t.match(res.headers["request-id"], guid);
});

t.test("a group target keeps its groupId and its @odata.type as sent", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: groupRequest,
  });
  const body = assertContract<StoredAssignment>(t, "createAssignment", res);
  t.equal(res.statusCode, 201);
  t.same(body.target, groupRequest.target);
});

t.test(
  "@odata.type without '#', and none at all, are accepted; the reply writes '#'",
  async (t) => {
    const app = await build(t);
    for (const payload of [
      { ...seedRequest, "@odata.type": "microsoft.graph.officeClientConfigurationAssignment" },
      { target: seedRequest.target },
    ]) {
      const res = await app.inject({
        method: "POST",
        url: assignmentsPath,
        headers: json,
        payload,
      });
      const body = assertContract<StoredAssignment>(t, "createAssignment", res);
      t.equal(res.statusCode, 201);
      t.equal(body["@odata.type"], "#microsoft.graph.officeClientConfigurationAssignment");
    }
  },
);

t.test("a client-supplied id is honoured; the same id twice → 409", async (t) => {
  const app = await build(t);
  const payload = { ...seedRequest, id: "my-own-id" };
  const first = await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload });
  t.equal(first.statusCode, 201);
  t.equal(assertContract<StoredAssignment>(t, "createAssignment", first).id, "my-own-id");
  const second = await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload });
  t.equal(second.statusCode, 409);
  const body = assertContract<ErrorBody>(t, "createAssignment", second);
  t.equal(body.error.code, "Conflict");
  t.equal(
    body.error.message,
    "A officeClientConfigurationAssignment with id 'my-own-id' already exists.",
  );
  const list = await app.inject({ method: "GET", url: assignmentsPath, headers: auth });
  t.equal(list.json().value.length, 1, "the conflict added nothing");
});

t.test("an unknown configuration id → 404 ResourceNotFound naming it", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "POST",
    url: `${configurationsPath}/does-not-exist/assignments`,
    headers: json,
    payload: seedRequest,
  });
  t.equal(res.statusCode, 404);
  const body = assertContract<ErrorBody>(t, "createAssignment", res);
  t.equal(body.error.code, "ResourceNotFound");
  t.equal(
    body.error.message,
    "Resource not found: no officeClientConfiguration with id 'does-not-exist' exists.",
  );
  t.match(body.error.innerError, {
    date: graphDate,
    "request-id": res.headers["request-id"],
    "client-request-id": res.headers["request-id"],
  });
});

const property = (name: string, type: string) =>
  `The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;

// Each bad request → its status, Graph code and message, and the field it names.
const badRequests: {
  name: string;
  payload?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  message: string | RegExp;
  target?: string;
}[] = [
  {
    name: "malformed JSON",
    payload: '{"target": ',
    status: 400,
    code: "BadRequest",
    message:
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
  },
  {
    name: "empty body",
    payload: "",
    status: 400,
    code: "BadRequest",
    message: /^Unable to read JSON request payload/,
  },
  {
    name: "a JSON array",
    payload: "[]",
    status: 400,
    code: "BadRequest",
    message: "The request body must be a JSON object, not array.",
  },
  {
    name: "JSON null",
    payload: "null",
    status: 400,
    code: "BadRequest",
    message: "The request body must be a JSON object, not null.",
  },
  {
    name: "missing target",
    payload: "{}",
    status: 400,
    code: "BadRequest",
    message:
      "The property 'target' is required on type 'microsoft.graph.officeClientConfigurationAssignment'.",
    target: "target",
  },
  {
    name: "unknown property",
    payload: JSON.stringify({ ...seedRequest, color: "blue" }),
    status: 400,
    code: "RequestBodyRead",
    message: property("color", "officeClientConfigurationAssignment"),
    target: "color",
  },
  {
    name: "unknown property inside a group target",
    payload: JSON.stringify({ target: { ...groupRequest.target, groupName: "x" } }),
    status: 400,
    code: "RequestBodyRead",
    message: property("target.groupName", "officeConfigurationGroupAssignmentTarget"),
    target: "target.groupName",
  },
  {
    name: "groupId on the abstract target",
    payload: JSON.stringify({ target: { ...seedRequest.target, groupId: "g" } }),
    status: 400,
    code: "RequestBodyRead",
    message: property("target.groupId", "officeConfigurationAssignmentTarget"),
    target: "target.groupId",
  },
  {
    name: "wrong type for groupId",
    payload: JSON.stringify({ target: { ...groupRequest.target, groupId: 42 } }),
    status: 400,
    code: "BadRequest",
    message: "The property 'target.groupId' must be of type string or null, not number.",
    target: "target.groupId",
  },
  {
    name: "target is a string",
    payload: JSON.stringify({ target: "all users" }),
    status: 400,
    code: "BadRequest",
    message: "The property 'target' must be of type object, not string.",
    target: "target",
  },
  {
    name: "wrong type for id",
    payload: JSON.stringify({ ...seedRequest, id: 7 }),
    status: 400,
    code: "BadRequest",
    message: "The property 'id' must be of type string, not number.",
    target: "id",
  },
  {
    name: "empty id",
    payload: JSON.stringify({ ...seedRequest, id: "" }),
    status: 400,
    code: "BadRequest",
    message: "The property 'id' must not be empty.",
    target: "id",
  },
  {
    name: "unknown target @odata.type",
    payload: JSON.stringify({
      target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" },
    }),
    status: 400,
    code: "ModelValidationFailure",
    message:
      "A type named '#microsoft.graph.allDevicesAssignmentTarget' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
    target: "target.@odata.type",
  },
  {
    name: "target without @odata.type",
    payload: JSON.stringify({ target: { groupId: "g" } }),
    status: 400,
    code: "BadRequest",
    message: /^The property '@odata.type' is required on 'target': it must name a concrete type/,
    target: "target.@odata.type",
  },
  {
    name: "wrong entity @odata.type",
    payload: JSON.stringify({
      ...seedRequest,
      "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
    }),
    status: 400,
    code: "ModelValidationFailure",
    message:
      "A resource with type '#microsoft.graph.windowsOfficeClientConfiguration' was found, but it is not assignable to the expected type 'microsoft.graph.officeClientConfigurationAssignment'. The type specified in the resource must be equal to either the expected type or a derived type.",
    target: "@odata.type",
  },
  {
    name: "an entity @odata.type the model does not know",
    payload: JSON.stringify({ ...seedRequest, "@odata.type": "#microsoft.graph.group" }),
    status: 400,
    code: "ModelValidationFailure",
    message:
      "A type named '#microsoft.graph.group' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
    target: "@odata.type",
  },
  {
    name: "a __proto__ key",
    payload:
      '{"target":{"@odata.type":"microsoft.graph.officeConfigurationAssignmentTarget"},"__proto__":{"polluted":true}}',
    status: 400,
    code: "BadRequest",
    message:
      "The property '__proto__' is not allowed: a JSON body may not hold a '__proto__' key, or a 'constructor' object with a 'prototype' key, at any depth (they could alter object prototypes).",
    target: "__proto__",
  },
  {
    name: "a constructor.prototype key",
    payload:
      '{"target":{"@odata.type":"microsoft.graph.officeConfigurationAssignmentTarget"},"constructor":{"prototype":{"polluted":true}}}',
    status: 400,
    code: "BadRequest",
    message:
      "The property 'constructor.prototype' is not allowed: a JSON body may not hold a '__proto__' key, or a 'constructor' object with a 'prototype' key, at any depth (they could alter object prototypes).",
    target: "constructor.prototype",
  },
  {
    name: "text/plain body",
    payload: JSON.stringify(seedRequest),
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "RequestBodyRead",
    message:
      "A supported MIME type could not be found that matches the content type of the request. The supported type(s) 'application/json' do not match the content type 'text/plain'.",
  },
  {
    name: "a form body",
    payload: "target=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "RequestBodyRead",
    message: /do not match the content type 'application\/x-www-form-urlencoded'\.$/,
  },
  {
    name: "no Content-Type",
    payload: JSON.stringify(seedRequest),
    headers: { "content-type": "" },
    status: 400,
    code: "BadRequest",
    message: "Write requests (excluding DELETE) must contain the Content-Type header declaration.",
  },
  {
    name: "a body over the limit",
    payload: JSON.stringify({ ...seedRequest, id: "x".repeat(5 * 1024 * 1024) }),
    status: 413,
    code: "RequestEntityTooLarge",
    message: "Maximum request length exceeded.",
  },
  {
    name: "a Read.All token",
    payload: JSON.stringify(seedRequest),
    headers: bearer(jwt({ scp: readOnly })),
    status: 403,
    code: "Forbidden",
    message:
      "User is not authorized to perform this operation. The user's token must have one of the following scopes: DeviceManagementConfiguration.ReadWrite.All",
  },
  {
    name: "no Authorization",
    payload: JSON.stringify(seedRequest),
    headers: { authorization: "" },
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "Access token is empty.",
  },
];

t.test("bad input gets a Graph error naming the field, and changes nothing", async (t) => {
  const app = await build(t);
  for (const bad of badRequests) {
    const headers: Record<string, string> = { ...json, ...bad.headers };
    for (const [name, value] of Object.entries(headers)) if (value === "") delete headers[name];
    const res = await app.inject({
      method: "POST",
      url: assignmentsPath,
      headers,
      payload: bad.payload,
    });
    t.equal(res.statusCode, bad.status, `${bad.name} → ${bad.status}`);
    const body = assertContract<ErrorBody>(t, "createAssignment", res);
    t.equal(body.error.code, bad.code, `${bad.name}: code`);
    t.match(body.error.message, bad.message, `${bad.name}: message`);
    if (bad.target) t.equal(body.error.target, bad.target, `${bad.name}: names the field`);
  }
  t.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
  const list = await app.inject({ method: "GET", url: assignmentsPath, headers: auth });
  t.same(list.json().value, [], "nothing was created");
});

t.test("a store failure → 500 generalException, logged, nothing leaks", async (t) => {
  const store = new MemoryStore();
  store.createConfiguration({
    "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
    id: demoConfigurationId,
    priority: 0,
  });
  store.createAssignment = () => {
    throw new Error("disk on fire");
  };
  const app = await build(t, { store });
  const res = await app.inject({
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
  t.equal(res.statusCode, 500);
  const body = assertContract<ErrorBody>(t, "createAssignment", res);
  t.equal(body.error.code, "generalException");
  t.equal(body.error.message, "An unspecified error has occurred.");
  t.notMatch(res.body, /disk on fire/);
});

t.test("injected faults are documented Graph replies", async (t) => {
  const app = await build(t);
  await assertInjectedFaults(t, app, "createAssignment", {
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
});

t.test("a full store → 507", async (t) => {
  await assertStoreFull(t, "createAssignment", {
    method: "POST",
    url: assignmentsPath,
    headers: json,
    payload: seedRequest,
  });
});

t.test("every documented status of createAssignment is exercised", async (t) => {
  t.same(exercisedStatuses("createAssignment"), documentedStatuses("createAssignment"));
});
