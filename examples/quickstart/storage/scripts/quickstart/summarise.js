// process-sales, at the end: adds up the per-file totals the ForEach collected.
const { settings, write, report } = require("./storage.js");

async function main() {
  const { properties, sas } = settings();
  const results = Array.isArray(properties.results) ? properties.results : [];
  const byRegion = {};
  let cents = 0;
  let rows = 0;
  for (const result of results) {
    rows += result.rows;
    cents += Math.round(result.total * 100);
    for (const [region, amount] of Object.entries(result.byRegion)) {
      byRegion[region] = (byRegion[region] ?? 0) + Math.round(amount * 100);
    }
  }
  const summary = {
    files: results.length,
    rows,
    total: cents / 100,
    byRegion: Object.fromEntries(
      Object.entries(byRegion)
        .sort()
        .map(([k, v]) => [k, v / 100]),
    ),
  };
  await write(sas, properties.output, JSON.stringify(summary, null, 2));
  console.log(`summary: ${summary.files} files, ${summary.rows} rows, total ${summary.total}`);
  report(summary);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
