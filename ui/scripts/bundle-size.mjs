#!/usr/bin/env node
// The JavaScript the window loads before its first screen, from the Vite manifest of `npm run build`:
// the entry chunk and every chunk it imports statically, transitively (dynamic imports, the pages,
// load later). Sizes are uncompressed kB (1 kB = 1000 bytes), as Vite reports them.
//
// Prints {"initial_kb": n, "largest_chunk_kb": n, "chunks": n} and exits 1 when the initial load is
// 500 kB or more, 2 when there is no build to measure.
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LIMIT_KB = 500;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
} catch (error) {
  console.error(`No Vite manifest in ${dist} (run \`npm run build\` first): ${error.message}`);
  process.exit(2);
}

const kb = (file) => statSync(join(dist, file)).size / 1000;
const round = (value) => Math.round(value * 100) / 100;
const isJs = (file) => file.endsWith(".js");

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
if (entries.length === 0) {
  console.error("The Vite manifest names no entry chunk.");
  process.exit(2);
}

// Entry chunks and their static imports, each chunk counted once.
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
entries.forEach(visit);

const initialKb = [...initial]
  .map((key) => manifest[key].file)
  .filter(isJs)
  .reduce((sum, file) => sum + kb(file), 0);
const jsFiles = [...new Set(Object.values(manifest).map((chunk) => chunk.file))].filter(isJs);
const largestKb = Math.max(0, ...jsFiles.map(kb));

console.log(
  JSON.stringify({ initial_kb: round(initialKb), largest_chunk_kb: round(largestKb), chunks: jsFiles.length }),
);
if (initialKb >= LIMIT_KB) {
  console.error(`The initial load is ${round(initialKb)} kB: it must stay under ${LIMIT_KB} kB.`);
  process.exit(1);
}
