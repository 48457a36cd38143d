import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The production build lands in target/classes/static, so the Maven module's jar carries it and
// the control plane serves it at "/". `npm run dev` proxies the API to a running control plane.
const controlPlane = process.env.CODINSPECT_URL ?? "http://localhost:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": { target: controlPlane, ws: true, changeOrigin: true },
      "/oauth2": { target: controlPlane, changeOrigin: false },
      "/login/oauth2": { target: controlPlane, changeOrigin: false },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
