// Builds the standalone client package, graph-officeconfiguration-client, from the same spec as
// the rest: src/client/ and the generated types it imports, compiled to ESM with declarations,
// with its own package.json that depends on openapi-fetch alone and docs/client.md as its README.
// Teams install the tarball `npm pack <outDir>` makes, without Fastify or a native build.
// Usage: tsx scripts/client-package.ts [outDir]   (default dist/client-package)
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const clientPackageName = "graph-officeconfiguration-client";
const root = fileURLToPath(new URL("../", import.meta.url));
const out = resolve(root, process.argv[2] ?? "dist/client-package");

interface MainPackage {
  version: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
}
const main: MainPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.client.json"), "--outDir", out], {
  stdio: "inherit",
});

// The package promises openapi-fetch as its only dependency, so the build fails if tsc pulled in
// anything beyond src/client/ and generated/, or the output imports any other package.
const emitted = readdirSync(out, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1));
const strays = emitted.filter((file) => !/^(src\/client|generated)\//.test(file));
const packages = emitted
  .filter((file) => file.endsWith(".js"))
  .flatMap((file) => [
    ...readFileSync(join(out, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^".][^"]*)"/g),
  ])
  .map((match) => match[1])
  .filter((specifier) => specifier !== "openapi-fetch");
if (strays.length > 0 || packages.length > 0) {
  console.error(
    `client package: src/client/ may import only generated/ and openapi-fetch; found ${[...strays, ...packages].join(", ")}`,
  );
  process.exit(1);
}

const entry = { types: "./src/client/index.d.ts", default: "./src/client/index.js" };
const clientPackage = {
  name: clientPackageName,
  version: main.version,
  description:
    "Typed client for the Microsoft Graph beta officeConfiguration API (openapi-fetch on types generated from openapi.yaml).",
  license: main.license,
  type: "module",
  engines: main.engines,
  sideEffects: false,
  main: entry.default,
  types: entry.types,
  exports: {
    ".": entry,
    "./schema": { types: "./generated/schema.d.ts", default: "./generated/schema.js" },
    "./package.json": "./package.json",
  },
  dependencies: { "openapi-fetch": main.dependencies["openapi-fetch"] },
};
writeFileSync(join(out, "package.json"), `${JSON.stringify(clientPackage, null, 2)}\n`);
copyFileSync(join(root, "docs/client.md"), join(out, "README.md"));
console.log(`wrote ${clientPackageName}@${main.version} to ${out}`);
