import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "next-env.d.ts"] },
  {
    // Pages and components reach data only through lib/data (the data-access layer).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/generated/prisma/client", "**/generated/prisma/client", "@prisma/*", "@/lib/database/*"],
              message: "Pages and components read data through lib/data, never Prisma.",
            },
          ],
          paths: [
            {
              name: "next/link",
              message: "Use @/components/link: the app's links are not prefetched (docs/decisions/0037).",
            },
          ],
        },
      ],
    },
  },
  // The one place next/link is wrapped.
  { files: ["components/link.tsx"], rules: { "no-restricted-imports": "off" } },
];

export default config;
