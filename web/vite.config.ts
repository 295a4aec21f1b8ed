// Builds the web UI from web/ into web/dist, served by the server under /ui/.
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/ui/",
  plugins: [preact()],
  // The UI never logs or embeds the token; source maps help reading a failure in the browser.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
});
