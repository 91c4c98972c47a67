import { readFileSync } from "node:fs";
import t from "tap";
import { optionsMarkdown } from "../../src/stub/options.js";

t.test("docs/stub.md's options table is the table in src/stub/options.ts", async (t) => {
  const page = readFileSync(new URL("../../docs/stub.md", import.meta.url), "utf8");
  const block = /<!-- options:start[^>]*-->\n([\s\S]*?)<!-- options:end -->/.exec(page);
  t.ok(block, "docs/stub.md marks its options table");
  t.equal(block?.[1], optionsMarkdown(), "differs: run npm run docs:options");
});

t.test("the table has a row per option, and the limits with their values", async (t) => {
  const table = optionsMarkdown();
  t.match(table, /^\| flag +\| env +\| default +\| accepts +\| meaning +\|\n\| -+ \|/);
  t.match(
    table,
    /\n\| `--body-limit BYTES` +\| `STUB_BODY_LIMIT` +\| `4194304` +\| 0 to 1073741824 +\|/,
  );
  t.match(
    table,
    /\n\| `--page-size N` +\| `STUB_PAGE_SIZE` +\| `100` +\| 0 to 100000 \(0 counts as 1\) +\|/,
  );
  t.match(table, /\n\| `--jwks FILE\\\|URL` +\|/, "a | inside a cell is escaped");
  t.equal(table.split("\n").length, 22 + 3, "header, rule, 22 options, final newline");
});
