// Writes the parameter tables of helm/switchboard/README.md from the `## @section` and `## @param` lines of
// values.yaml (between the README's <!-- parameters:start --> and <!-- parameters:end --> markers).
//   node deploy-checks/src/test/node/readme.mjs      (from the repository root; needs .ci/prepare.d/deploy-checks)
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const valuesFile = "helm/switchboard/values.yaml";
const readmeFile = "helm/switchboard/README.md";
const text = readFileSync(valuesFile, "utf8");
const values = parse(text);

const at = (path) => path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), values);
const show = (value) => {
  const json = JSON.stringify(value);
  return json === undefined ? "" : "`" + json.replaceAll("|", "\\|") + "`";
};

const out = [];
for (const line of text.split("\n")) {
  const section = line.match(/^\s*## @section (.+)$/);
  const param = line.match(/^\s*## @param (\S+) (.+)$/);
  if (section) {
    out.push("", `### ${section[1]}`, "", "| Name | Description | Default |", "| --- | --- | --- |");
  } else if (param) {
    out.push(`| \`${param[1]}\` | ${param[2].replaceAll("|", "\\|")} | ${show(at(param[1]))} |`);
  }
}

const readme = readFileSync(readmeFile, "utf8");
const start = "<!-- parameters:start -->";
const end = "<!-- parameters:end -->";
const [head, rest] = readme.split(start);
const tail = rest.split(end)[1];
writeFileSync(readmeFile, `${head}${start}\n${out.join("\n").trimStart()}\n${end}${tail}`);
console.log(`wrote ${out.filter((l) => l.startsWith("| `")).length} parameters into ${readmeFile}`);
