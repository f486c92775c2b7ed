import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Served by Tauri from a custom protocol, hence relative asset paths and a fixed dev port
// that tauri.conf.json's devUrl points at.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Read by scripts/bundle-size.mjs (`npm run bundle-size`), which keeps the JavaScript loaded
    // before the first screen under 500 kB: the frame loads while the backend answers the startup
    // calls (src/App.tsx) and each page is its own chunk (src/routes/pages.tsx). Rolldown's own
    // splitting already puts what several pages share (date pickers, tables, virtual lists) in
    // shared chunks; no manual chunks are needed.
    manifest: true,
    chunkSizeWarningLimit: 500,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    // Interaction tests take 1–3 s on a 2-core machine; a busy one (CI building Rust alongside)
    // must not turn that into a failure. Tests assert behaviour, never time.
    testTimeout: 20_000,
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
