// The task's way to the factory's storage: the `sasUri` Sluice adds to linkedServices.json for
// the embedded storage (on Azure, a SAS URI works the same way: <base>/<container>/<blob>?<sas>).
const fs = require("node:fs");

function settings() {
  const activity = JSON.parse(fs.readFileSync("activity.json", "utf8"));
  const services = JSON.parse(fs.readFileSync("linkedServices.json", "utf8"));
  const sasUri = services[0]?.properties?.typeProperties?.sasUri;
  if (!sasUri) throw new Error("linkedServices.json has no sasUri for the storage");
  return { properties: activity.typeProperties.extendedProperties ?? {}, sas: new URL(sasUri) };
}

function urlOf(sas, path, query = "") {
  const base = sas.pathname.replace(/\/+$/, "");
  const extra = query ? `&${query}` : "";
  return `${sas.origin}${base}/${path.split("/").map(encodeURIComponent).join("/")}${sas.search}${extra}`;
}

async function read(sas, path) {
  const response = await fetch(urlOf(sas, path));
  if (!response.ok) throw new Error(`reading ${path}: HTTP ${response.status}`);
  return response.text();
}

async function write(sas, path, text) {
  const response = await fetch(urlOf(sas, path), { method: "PUT", body: text });
  if (!response.ok) throw new Error(`writing ${path}: HTTP ${response.status}`);
}

async function list(sas, container, prefix) {
  const response = await fetch(
    urlOf(sas, `${container}/`, `list&prefix=${encodeURIComponent(prefix)}`),
  );
  if (!response.ok) throw new Error(`listing ${container}/${prefix}: HTTP ${response.status}`);
  return (await response.json()).files.map((file) => file.path);
}

/** outputs.json: what the activity's customOutput becomes. */
function report(value) {
  fs.writeFileSync("outputs.json", JSON.stringify(value));
}

module.exports = { settings, read, write, list, report };
