// What `npm start` prints once it listens: the real address, the store, where the fixtures came
// from, the configurations it holds and a curl line that works against one of them; and a
// warning when it listens beyond loopback, where anyone on the network can reach it.
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { ServerOptions } from "./options.js";
import type { Store } from "./store/store.js";

/** How many configuration ids the banner names. */
const idsShown = 3;

/** What the banner reports, read once the server listens. */
export interface BannerFacts {
  /** The bound address (`server.address()`). */
  address: AddressInfo;
  options: Pick<ServerOptions, "https" | "certDir" | "data" | "fixtures" | "journalSize"> & {
    controlToken?: string;
  };
  /** The first configuration ids the store holds (at most a few). */
  configurationIds: string[];
  /** How many configurations it holds. */
  configurationCount: number;
}

/** Reads the configuration facts from a store: the first few ids and the count. */
export function storeFacts(
  store: Store,
): Pick<BannerFacts, "configurationIds" | "configurationCount"> {
  const configurationIds: string[] = [];
  for (const configuration of store.listConfigurations()) {
    if (configurationIds.length === idsShown) break;
    configurationIds.push(configuration.id);
  }
  return { configurationIds, configurationCount: store.countConfigurations() };
}

/** `server.address()` of a server listening on TCP (never a pipe, which the stub does not take). */
export function boundAddress(address: AddressInfo | string | null): AddressInfo {
  if (address === null || typeof address === "string") {
    throw new Error(`the stub listens on TCP, not on '${address}'`);
  }
  return address;
}

/** Whether an address is reachable from this machine only. */
export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === "::1" || address === "::ffff:127.0.0.1";
}

/** `0.0.0.0` and `::` listen on every interface. */
function isUnspecified(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

function hostPart(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/**
 * The address as bound (`http://0.0.0.0:3000`) and the origin to use from this machine: the
 * bound address itself, or loopback when it is every interface.
 */
export function origins({ address, port }: AddressInfo, https: boolean) {
  const scheme = https ? "https" : "http";
  const local = isUnspecified(address) ? (address === "::" ? "::1" : "127.0.0.1") : address;
  return {
    listening: `${scheme}://${hostPart(address)}:${port}`,
    local: `${scheme}://${hostPart(local)}:${port}`,
  };
}

/** The warning for an address beyond loopback, naming what it exposes; undefined on loopback. */
export function exposureWarning(facts: BannerFacts): string | undefined {
  const { address } = facts.address;
  if (isLoopback(address)) return undefined;
  const where = isUnspecified(address) ? `${address} (every interface)` : address;
  const controls = facts.options.controlToken
    ? "the /_stub controls need the control token"
    : "the /_stub controls (reset, export, the request journal with its bodies, faults) need no token: set --control-token";
  return `WARNING: listening on ${where}, beyond this machine's loopback. Anyone who can reach it can call the Graph routes (any bearer token is accepted unless --auth jwt with a signature check) and ${controls}. Listen on 127.0.0.1 unless you mean it.`;
}

function configurationsLine(ids: string[], count: number): string {
  if (count === 0) return "no client configurations";
  const more = count > ids.length ? ` and ${count - ids.length} more` : "";
  return `${count} client configuration${count === 1 ? "" : "s"}: ${ids.join(", ")}${more}`;
}

/** The banner's text. */
export function banner(facts: BannerFacts): string {
  const { options } = facts;
  const { listening, local } = origins(facts.address, options.https);
  const caFile = resolve(options.certDir, "ca.pem");
  const tls = options.https
    ? `  TLS CA      ${caFile}\n              (Node clients: export NODE_EXTRA_CA_CERTS=${caFile})\n`
    : "";
  const store = options.data === undefined ? "in memory" : `SQLite file ${resolve(options.data)}`;
  const source =
    typeof options.fixtures === "string"
      ? resolve(options.fixtures)
      : options.fixtures
        ? "a fixtures document"
        : "the demo configuration";
  const fixtures = options.data === undefined ? source : `${source} (loaded only into a new file)`;
  const journal = options.journalSize === 0 ? "off (--journal-size 0)" : `${local}/_stub/requests`;
  const cacert = options.https ? ` --cacert '${caFile}'` : "";
  const [first] = facts.configurationIds;
  const configurations = `${local}/beta/officeConfiguration/clientConfigurations`;
  const tryIt =
    first === undefined
      ? `Try listing the client configurations:
  curl -i${cacert} '${configurations}' \\
    -H 'Authorization: Bearer local-dev-token'`
      : `Try the seed's example request on ${first}:
  curl -i${cacert} -X POST '${configurations}/${encodeURIComponent(first).replaceAll("'", "%27")}/assignments' \\
    -H 'Authorization: Bearer local-dev-token' -H 'Content-Type: application/json' \\
    -d '${JSON.stringify({
      "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
      target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
    })}'`;
  return `
Microsoft Graph beta officeConfiguration stub
  listening   ${listening}
  base URL    ${local}/beta
  Swagger UI  ${local}/docs
  spec        ${local}/openapi.json  ${local}/openapi.yaml
  store       ${store}
  fixtures    ${fixtures}
  holds       ${configurationsLine(facts.configurationIds, facts.configurationCount)}
  journal     ${journal}
${tls}
${tryIt}
`;
}
