// How contract results are shown: one line per case and a summary for people; JUnit XML or TAP
// for CI systems.
import { curl } from "./http.js";
import type { CaseResult, ContractReport } from "./run.js";

const kindWidth = 9;

/** One readable line per case; a failure adds its violations and a curl line to rerun it. */
export function formatResult(result: CaseResult): string {
  const mark = result.passed ? "PASS" : "FAIL";
  const status = result.status === undefined ? "" : ` (${result.status})`;
  const note = result.note ? ` [${result.note}]` : "";
  const line = `${mark} ${result.kind.padEnd(kindWidth)} ${result.operationId}: ${result.name}${status}${note}`;
  if (result.passed) return line;
  const details = result.violations.map((violation) => `       - ${violation}`);
  if (result.request) details.push(`       rerun: ${curl(result.request)}`);
  return [line, ...details].join("\n");
}

export function formatSummary(report: ContractReport): string {
  const verdict = report.failed === 0 ? "the server keeps the contract" : "CONTRACT VIOLATED";
  return `${report.results.length} cases: ${report.passed} passed, ${report.failed} failed (${verdict}) against ${report.baseUrl}; seed ${report.seed} (rerun with --seed ${report.seed}), ${report.cases} generated bodies per operation, ${report.durationMs} ms`;
}

/**
 * Why nothing (more) was checked, in at most three lines: the target gave no reply to a probe
 * (a GET any server answers with some status), with the socket's cause.
 */
export function formatUnreachable(report: ContractReport): string {
  const ran = report.results.length;
  return [
    `No reply from ${report.baseUrl}: ${report.unreachable}`,
    ran === 0
      ? "Nothing was checked: is the server running, and is this its address?"
      : `The target stopped answering after ${ran} cases (${report.failed} failed); the run stopped there.`,
  ].join("\n");
}

/** A hint when the base URL does not end in `/beta`, the service root Graph and the stub serve. */
export function baseUrlHint(baseUrl: string): string | undefined {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, "");
  if (path.endsWith("/beta")) return undefined;
  return `hint: ${baseUrl} does not end in /beta; the service root is …/beta, e.g. http://127.0.0.1:3000/beta or https://graph.microsoft.com/beta`;
}

/** What the run created on the target: all removed, or each entity left there and why. */
export function formatCreated(report: ContractReport): string {
  const left = report.created.filter((entity) => !entity.removed);
  const count = report.created.length;
  if (left.length === 0) {
    return count === 0
      ? "Created no entities on the target."
      : `Created ${count} entities on the target and removed them all.`;
  }
  return [
    `Created ${count} entities on the target; ${left.length} left there:`,
    ...left.map((entity) => `  ${entity.url} (${entity.operationId}; ${entity.left})`),
  ].join("\n");
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`,
  );

function failureText(result: CaseResult): string {
  const lines = [...result.violations];
  if (result.request) lines.push(`rerun: ${curl(result.request)}`);
  return lines.join("\n");
}

/** JUnit XML, as Jenkins, GitLab, GitHub Actions and Azure Pipelines read it. */
export function junit(report: ContractReport): string {
  const cases = report.results.map((result) => {
    const open = `    <testcase classname="contract.${result.kind}.${escapeXml(result.operationId)}" name="${escapeXml(result.name)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
    if (result.passed) return `${open}/>`;
    return `${open}>\n      <failure message="${escapeXml(result.violations[0] ?? "failed")}" type="ContractViolation">${escapeXml(failureText(result))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="openapi.yaml contract" tests="${report.results.length}" failures="${report.failed}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="contract ${escapeXml(report.baseUrl)}" tests="${report.results.length}" failures="${report.failed}" errors="0" skipped="0" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `    <properties><property name="seed" value="${report.seed}"/></properties>`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** TAP version 14, with each failure's violations as a YAML diagnostic block. */
export function tap(report: ContractReport): string {
  const lines = ["TAP version 14", `1..${report.results.length}`];
  report.results.forEach((result, index) => {
    const title = `${result.kind} ${result.operationId}: ${result.name}`.replaceAll("#", "\\#");
    lines.push(`${result.passed ? "ok" : "not ok"} ${index + 1} - ${title}`);
    if (!result.passed) {
      lines.push("  ---", "  violations:");
      for (const violation of result.violations) lines.push(`    - ${JSON.stringify(violation)}`);
      if (result.request) lines.push(`  rerun: ${JSON.stringify(curl(result.request))}`);
      lines.push("  ...");
    }
  });
  lines.push(`# seed ${report.seed}`, "");
  return lines.join("\n");
}
