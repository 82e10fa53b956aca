// Copies the files the pages use from node_modules into wwwroot/lib (committed), so nothing loads from a CDN.
import { cpSync, mkdirSync } from "node:fs";

const files = [
  ["echarts/dist/echarts.min.js", "echarts/echarts.min.js"],
  ["echarts/LICENSE", "echarts/LICENSE"],
];
for (const [from, to] of files) {
  mkdirSync(new URL(`../wwwroot/lib/${to}/..`, import.meta.url), { recursive: true });
  cpSync(new URL(`./node_modules/${from}`, import.meta.url), new URL(`../wwwroot/lib/${to}`, import.meta.url));
  console.log(`wwwroot/lib/${to}`);
}
