#!/usr/bin/env node
// `npm start`: flags and env → buildApp → listen → print the URLs and a curl line to try.
import { resolve } from "node:path";
import { buildApp } from "./app.js";
import { demoConfigurationId } from "./fixtures.js";
import { parseServerOptions, usage } from "./options.js";
import { shutdownGraceMs } from "./shutdown.js";

let options: ReturnType<typeof parseServerOptions>;
try {
  options = parseServerOptions(process.argv.slice(2));
} catch (error) {
  // A usage error is its reason and where to look, not the whole help (exit 2, as the checker).
  console.error(
    `${error instanceof Error ? error.message : error}\nRun with --help for the options.`,
  );
  process.exit(2);
}
if (options.help) {
  process.stdout.write(usage);
  process.exit(0);
}

// A data file it cannot open or a port in use: one line that says so, not a stack trace.
async function start() {
  const app = await buildApp(options);
  try {
    return { app, address: await app.listen({ port: options.port, host: options.host }) };
  } catch (error) {
    await app.close();
    throw error;
  }
}

let started: Awaited<ReturnType<typeof start>>;
try {
  started = await start();
} catch (error) {
  console.error(`The stub could not start: ${(error as Error).message}`);
  process.exit(1);
}
const { app, address } = started;
const origin = address.replace("[::1]", "localhost");
const seedBody = JSON.stringify({
  "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
  target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
});

const caFile = resolve(options.certDir, "ca.pem");
const tls = options.https
  ? `  TLS CA      ${caFile}
              (Node clients: export NODE_EXTRA_CA_CERTS=${caFile})
`
  : "";

console.log(`
Microsoft Graph beta officeConfiguration stub
  base URL    ${origin}/beta
  Swagger UI  ${origin}/docs
  spec        ${origin}/openapi.json  ${origin}/openapi.yaml
  demo config ${demoConfigurationId}${options.fixtures || options.data ? " (unless your fixtures or data file replaced it)" : ""}
${tls}
Try the seed's example request:
  curl -i${options.https ? ` --cacert '${caFile}'` : ""} -X POST '${origin}/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments' \\
    -H 'Authorization: Bearer local-dev-token' -H 'Content-Type: application/json' \\
    -d '${seedBody}'
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Injected waits end at once (shutdown.ts); a request still unfinished after the grace
    // period (a client sending its body slowly) is cut off, so the process always exits.
    setTimeout(() => app.server.closeAllConnections(), shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
