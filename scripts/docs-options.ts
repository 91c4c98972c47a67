// `npm run docs:options`: writes the options table of docs/stub.md from src/stub/options.ts,
// between its markers (test/stub/options-docs.test.ts fails while they differ).
import { readFileSync, writeFileSync } from "node:fs";
import { optionsMarkdown } from "../src/stub/options.js";

const file = new URL("../docs/stub.md", import.meta.url);
const block = /(<!-- options:start[^>]*-->\n)[\s\S]*?(<!-- options:end -->)/;
const page = readFileSync(file, "utf8");
if (!block.test(page)) throw new Error("docs/stub.md has no <!-- options:start --> block");
writeFileSync(
  file,
  page.replace(block, (_, start, end) => `${start}${optionsMarkdown()}${end}`),
);
