// What the two bench baselines share: the stub's 201 body for the seed, and the ready line.
import type { AddressInfo } from "node:net";

const configurationId = "c0ffee00-0000-4000-8000-000000000001";

/** The body the stub answers the seed's POST with, for the same host, id and target. */
export function createdBody(host: string | undefined, id: string, target: unknown) {
  return {
    "@odata.context": `http://${host}/beta/$metadata#officeConfiguration/clientConfigurations('${configurationId}')/assignments/$entity`,
    id,
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    target,
  };
}

/** Prints the line the bench waits for: the base URL, as `npm start` prints it. */
export function listening(address: string | AddressInfo | null): void {
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(`base URL    http://127.0.0.1:${port}/beta`);
}

/** Exits cleanly on SIGINT and SIGTERM, so that `node --cpu-prof` writes its profile. */
export function exitOnSignals(close: () => unknown): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      Promise.resolve(close()).finally(() => process.exit(0));
    });
  }
}
