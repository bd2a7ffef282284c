// check.mjs validates fixtures against dilint's bundled schema with ajv, an
// independent JSON Schema implementation, and prints one verdict per fixture
// as JSON. The Go test schema/ajv_test.go compares these verdicts with
// dilint's own.
//
// usage: node check.mjs <bundle.json> <schema-name>=<fixture.json>...
//
// <schema-name> is a $defs key of the bundle: job, taskparam,
// realtime-taskparam or update-taskparam.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [bundlePath, ...pairs] = process.argv.slice(2);
if (!bundlePath || pairs.length === 0) {
  process.stderr.write("usage: node check.mjs <bundle.json> <schema-name>=<fixture.json>...\n");
  process.exit(2);
}

const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
// ajv's default strict mode, as a user runs it: an unknown or misspelt
// keyword fails here instead of being ignored (strict.mjs also requires no
// strictTypes warning).
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
ajv.addSchema(bundle);

const results = pairs.map((pair) => {
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq);
  const file = pair.slice(eq + 1);
  const validate = ajv.getSchema(`${bundle.$id}#/$defs/${name}`);
  if (!validate) {
    throw new Error(`no schema ${name} in the bundle`);
  }
  const valid = validate(JSON.parse(readFileSync(file, "utf8")));
  const errors = (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    params: e.params,
  }));
  return { file, schema: name, valid, errors };
});
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
