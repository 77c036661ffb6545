// Validates every object of the given multi-document YAML files (rendered by `helm template`) against its schema:
// Kubernetes (kubernetes-models), Gateway API (@kubernetes-models/gateway-api) and Prometheus Operator
// (@kubernetes-models/prometheus-operator).
//
// The upstream schemas allow unknown fields (no additionalProperties: false), so a misspelt key would pass them.
// This script also finds fields the schema does not know: it replaces each field's value in turn by a value of
// the wrong type and checks that the schema then reports an error at that field. A field whose replacement goes
// unnoticed is unknown to the schema (or free-form, which the objects here never use outside labels and
// annotations, where every value is a string and so still checked).
//
//   node validate.mjs FILE.yaml ...      prints one line per object, then "N objects valid" or the errors; exit 1 on any
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = [
  { test: (group) => group === "gateway.networking.k8s.io", module: "@kubernetes-models/gateway-api" },
  { test: (group) => group === "monitoring.coreos.com", module: "@kubernetes-models/prometheus-operator" },
  { test: () => true, module: "kubernetes-models" },
];

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const { module } = packages.find((p) => p.test(group));
  const path = group ? `${module}/${group}/${version}/${kind}` : `${module}/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch (e) {
    throw new Error(`no schema for ${apiVersion} ${kind} (${path}): ${e.message}`);
  }
}

function errorsOf(Model, data) {
  try {
    new Model(data).validate();
    return [];
  } catch (e) {
    if (!e.errors) throw e;
    return e.errors;
  }
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params ?? {})}`);
}

// A value no Kubernetes field of any type accepts in place of the given one.
function wrongValueFor(value) {
  return typeof value === "boolean" ? [[[]]] : true;
}

function unknownFields(Model, object) {
  const unknown = [];
  const visit = (node, path) => {
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of entries) {
      const here = [...path, key];
      if (here.length === 1 && (key === "apiVersion" || key === "kind")) continue;
      const copy = structuredClone(object);
      let parent = copy;
      for (const step of path) parent = parent[step];
      parent[key] = wrongValueFor(value);
      const pointer = "/" + here.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
      const noticed = errorsOf(Model, copy).some(
        (e) => e.instancePath === pointer || e.instancePath.startsWith(pointer + "/"),
      );
      if (!noticed) {
        unknown.push(pointer);
      } else if (value !== null && typeof value === "object") {
        visit(value, here);
      }
    }
  };
  visit(object, []);
  return unknown;
}

let failures = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.log(`${file}: YAML error ${doc.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    count++;
    const name = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    let Model;
    try {
      Model = await modelFor(object.apiVersion, object.kind);
    } catch (e) {
      console.log(`${name}: ${e.message}`);
      failures++;
      continue;
    }
    const errors = errorsOf(Model, object);
    const unknown = errors.length ? [] : unknownFields(Model, object);
    if (errors.length || unknown.length) {
      failures++;
      for (const line of describe(errors)) console.log(`${name}: INVALID ${line}`);
      for (const pointer of unknown) console.log(`${name}: UNKNOWN FIELD ${pointer}`);
    } else {
      console.log(`${name}: valid`);
    }
  }
}
console.log(failures ? `${failures} of ${count} objects invalid` : `${count} objects valid`);
process.exit(failures ? 1 : 0);
