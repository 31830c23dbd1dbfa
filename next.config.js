/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and wasm packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@prisma/schema-engine-wasm"],
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
