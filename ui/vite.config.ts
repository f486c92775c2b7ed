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
    // The webview loads the bundle from disk, never over a network, so one ~650 kB chunk
    // (mostly React and Mantine) costs nothing worth splitting for.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    // Interaction tests take 1–3 s on a 2-core machine; a busy one (CI building Rust alongside)
    // must not turn that into a failure. Tests assert behaviour, never time.
    testTimeout: 20_000,
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
