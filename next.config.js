// Pages get their Content-Security-Policy (with a per-request script nonce)
// and Strict-Transport-Security from proxy.ts; everything else (API routes,
// static files) gets this fixed policy, which allows nothing to run.
const fixedContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and wasm packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@prisma/schema-engine-wasm"],
  turbopack: { root: import.meta.dirname },
  // `npm start`, the HTTP tests and the benchmark build through scripts/build-app.ts, which sets this:
  // CI type-checks on its own (`npm run typecheck`), and a first start should not wait a minute for it.
  // A plain `next build` still type-checks.
  typescript: { ignoreBuildErrors: process.env.STANCEWATCH_SKIP_BUILD_TYPE_CHECK === "1" },
  // Turbopack keeps a cache of the build in .next/cache so that the next build after an edit is faster; writing
  // it adds a tenth or so to a build. CI builds once in a fresh clone and never reads it back, so it skips it.
  experimental: { turbopackFileSystemCacheForBuild: process.env.CI !== "true" },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: fixedContentSecurityPolicy }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: fixedContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
