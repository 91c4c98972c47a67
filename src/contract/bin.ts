#!/usr/bin/env node
// The contract checker's command line (`npm run contract`, and the package's bin once built).
import { main } from "./cli.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
