#!/usr/bin/env node
// `npm start`: flags and env → buildApp → listen → print the URLs and a curl line to try.
import { buildApp } from "./app.js";
import { banner, boundAddress, exposureWarning, storeFacts } from "./banner.js";
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
    await app.listen({ port: options.port, host: options.host });
    return { app };
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
const { app } = started;
// The address as bound: with --host 0.0.0.0 that is every interface, not 127.0.0.1.
const facts = {
  address: boundAddress(app.server.address()),
  options,
  ...storeFacts(app.store),
};
const warning = exposureWarning(facts);
if (warning) console.warn(warning);
console.log(banner(facts));

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
