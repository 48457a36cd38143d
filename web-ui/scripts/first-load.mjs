// Prints what the first page load downloads (the entry chunk, the chunks it imports statically and
// its CSS), gzipped, from Vite's manifest; fails the build past the 300 KB budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const out = "target/classes/static";
const budget = 300 * 1024;
const manifest = JSON.parse(readFileSync(join(out, ".vite/manifest.json"), "utf8"));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const files = new Set(["index.html"]);
const visit = (chunk) => {
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  (chunk.css ?? []).forEach((css) => files.add(css));
  (chunk.imports ?? []).forEach((key) => visit(manifest[key]));
};
visit(entry);
let total = 0;
for (const file of files) {
  const gz = gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
  total += gz;
  console.log(`  ${file.padEnd(40)} ${(gz / 1024).toFixed(1).padStart(7)} KB gzipped`);
}
const lazy = Object.values(manifest).filter((c) => c.isDynamicEntry).map((c) => c.file);
console.log(`First load: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB); loaded on demand: ${lazy.join(", ")}`);
if (total > budget) {
  console.error("The first page load is over budget.");
  process.exit(1);
}
