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
        },
      ],
    },
  },
];

export default config;
