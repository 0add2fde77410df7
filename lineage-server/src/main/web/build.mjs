// Bundles the UI into the server's static resources (served at /): target/classes/public.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const out = fileURLToPath(new URL("../../../target/classes/public/", import.meta.url));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  target: "es2020",
  outfile: out + "app.js",
  legalComments: "linked",
  logLevel: "warning",
});
cpSync("index.html", out + "index.html");
cpSync("src/styles.css", out + "styles.css");
console.log("web UI built into " + out);
