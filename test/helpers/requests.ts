// Shared request pieces: the seed's example, the demo ids, and a default valid token.
import type { AssignmentCreate } from "../../src/stub/entities.js";
import { demoConfigurationId } from "../../src/stub/fixtures.js";

export { demoConfigurationId };

export const configurationsPath = "/beta/officeConfiguration/clientConfigurations";
export const assignmentsPath = `${configurationsPath}/${demoConfigurationId}/assignments`;

/** The seed's example request body, verbatim. */
export const seedRequest = {
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
} satisfies AssignmentCreate;

/** The seed's example response body, apart from the generated id. */
export const seedResponse = {
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
};

export const groupRequest = {
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: {
    "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
    groupId: "3f2b8a61-5f0e-4c7a-9d1b-2a6c4e8f0b13",
  },
} satisfies AssignmentCreate;

export const auth = { authorization: "Bearer local-dev-token" };
export const json = { ...auth, "content-type": "application/json" };

export const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const graphDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
