// prepare-sample-data: writes `files` CSV files of `rowsPerFile` sales rows, unless the
// folder already has some. Deterministic, so every quickstart computes the same totals.
const { settings, list, write, report } = require("./storage.js");

const regions = ["north", "south", "east", "west"];
const products = ["widget", "gadget", "gizmo"];

async function main() {
  const { properties, sas } = settings();
  const { container, folder } = properties;
  const files = Number(properties.files);
  const rows = Number(properties.rowsPerFile);
  const existing = (await list(sas, container, `${folder}/`)).filter((p) => p.endsWith(".csv"));
  if (existing.length > 0) {
    console.log(`${existing.length} sales files are there already; nothing to do`);
    return report({ generated: 0, existing: existing.length });
  }
  // A small linear congruential generator; its high bits are the random ones.
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536);
  };
  for (let f = 1; f <= files; f++) {
    const lines = ["region,product,amount"];
    for (let r = 0; r < rows; r++) {
      lines.push(`${regions[next() % 4]},${products[next() % 3]},${(next() % 10000) / 100}`);
    }
    const name = `${folder}/sales-${String(f).padStart(3, "0")}.csv`;
    await write(sas, `${container}/${name}`, `${lines.join("\n")}\n`);
    console.log(`wrote ${container}/${name}`);
  }
  report({ generated: files, rowsPerFile: rows });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
