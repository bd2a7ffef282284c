// strict.mjs loads dilint's bundle (dilint schema) the way a user's ajv
// does by default — draft 2020-12, strict mode with its default options,
// ajv-formats — compiles every top-level schema, and prints what ajv said
// as JSON: {"errors": [...], "warnings": [...]}. The Go test
// schema/ajv_test.go requires both lists to be empty.
//
// usage: node strict.mjs <bundle.json>
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const warnings = [];
const errors = [];
const logger = {
  log() {},
  warn: (...a) => warnings.push(a.join(" ")),
  error: (...a) => errors.push(a.join(" ")),
};
const ajv = new Ajv2020({ logger });
addFormats(ajv);
try {
  const bundle = JSON.parse(readFileSync(process.argv[2], "utf8"));
  ajv.addSchema(bundle);
  for (const name of ["job", "taskparam", "realtime-taskparam", "update-taskparam"]) {
    if (!ajv.getSchema(`${bundle.$id}#/$defs/${name}`)) {
      errors.push(`no schema ${name} in the bundle`);
    }
  }
} catch (e) {
  errors.push(String(e.message ?? e));
}
process.stdout.write(JSON.stringify({ errors, warnings }, null, 2) + "\n");
