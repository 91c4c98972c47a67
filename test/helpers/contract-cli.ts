// capture() → an Io for the contract CLI that keeps what it prints; check(baseUrl, extra) → runs
// the CLI with a fixed seed and 10 generated bodies per operation.
import { type Io, main } from "../../src/contract/cli.js";

export function capture(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env: {},
    out: () => out,
    err: () => err,
  };
}

export async function check(
  baseUrl: string,
  extra: string[] = [],
): Promise<{ code: number; output: string; errors: string }> {
  const io = capture();
  const code = await main(["--base-url", baseUrl, "--seed", "42", "--cases", "10", ...extra], io);
  return { code, output: io.out(), errors: io.err() };
}
