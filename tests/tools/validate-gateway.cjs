// Validate Gateway API resources against the schemas of the Gateway API's own
// CRDs, as the @kubernetes-models/gateway-api package carries them.
// Usage: node validate-gateway.cjs NODE_MODULES_DIR < resources.json
// (a JSON list of resources). Prints one line per resource; exits 1 if any
// is invalid or of a kind the package does not know.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const [modules] = process.argv.slice(2);
const resources = JSON.parse(readFileSync(0, "utf-8"));

let failed = false;
for (const resource of resources) {
  const [group, version] = resource.apiVersion.split("/");
  const kinds =
    group === "gateway.networking.k8s.io"
      ? require(join(modules, "@kubernetes-models", "gateway-api", group, version))
      : {};
  const Model = kinds[resource.kind];
  const name = `${resource.kind}/${resource.metadata.name}`;
  if (Model === undefined) {
    console.log(`${name}: no schema for ${resource.apiVersion}`);
    failed = true;
    continue;
  }
  try {
    new Model(resource).validate();
    console.log(`${name}: valid`);
  } catch (error) {
    console.log(`${name}: ${error.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
