// process-sales, once per file: totals the amounts per region and writes them as JSON.
const { settings, read, write, report } = require("./storage.js");

async function main() {
  const { properties, sas } = settings();
  const text = await read(sas, properties.input);
  const [header, ...rows] = text.trim().split("\n");
  const columns = header.split(",");
  const region = columns.indexOf("region");
  const amount = columns.indexOf("amount");
  const byRegion = {};
  let total = 0;
  for (const row of rows) {
    const cells = row.split(",");
    const value = Math.round(Number(cells[amount]) * 100);
    byRegion[cells[region]] = (byRegion[cells[region]] ?? 0) + value;
    total += value;
  }
  const result = {
    file: properties.input,
    rows: rows.length,
    total: total / 100,
    byRegion: Object.fromEntries(Object.entries(byRegion).map(([k, v]) => [k, v / 100])),
  };
  await write(sas, properties.output, JSON.stringify(result, null, 2));
  console.log(`${properties.input}: ${rows.length} rows, total ${result.total}`);
  report(result);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
