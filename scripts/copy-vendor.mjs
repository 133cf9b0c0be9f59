// Copies the npm front-end files that pages load into Django's static files.
// Source maps go along: WhiteNoise's manifest storage fails collectstatic when a
// file names a .map that is not there.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "pacesetter", "core", "static", "vendor");
const files = [
  "bootstrap/dist/css/bootstrap.min.css",
  "bootstrap/dist/css/bootstrap.min.css.map",
  "bootstrap/dist/js/bootstrap.bundle.min.js",
  "bootstrap/dist/js/bootstrap.bundle.min.js.map",
  "echarts/dist/echarts.min.js",
  "axe-core/axe.min.js",
];

mkdirSync(target, { recursive: true });
for (const file of files) {
  const source = join(root, "node_modules", file);
  if (!existsSync(source)) {
    console.error(`missing ${source}: run npm ci first`);
    process.exit(1);
  }
  copyFileSync(source, join(target, basename(file)));
}
console.log(`copied ${files.length} files into ${target}`);
