// `node --import` this file: the process then cannot find better-sqlite3, as in an install
// without it (Node's own "Cannot find package" error, resolved from a folder with no packages).
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

export async function resolve(specifier, context, next) {
  if (specifier === "better-sqlite3") return next(specifier, { ...context, parentURL: "file:///" });
  return next(specifier, context);
}

// The hooks run in their own thread, which loads this file again: register from the main one only.
if (isMainThread) register(import.meta.url);
