"use client";

import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";
import type { IndicatorForm } from "./indicator-form";

// The indicator form previews its rule as it is typed, checking it with the rule's zod schema, so its module
// brings zod and the rules with it. Collapsed by default, it is fetched and drawn when first opened, so the
// scenario page's first load carries neither.
const IndicatorFormCode = dynamic(() => import("./indicator-form").then((module) => module.IndicatorForm), {
  ssr: false,
  loading: () => <p className="form__hint">Loading the form…</p>,
});

/** "Add indicator", collapsed; the form inside stays as it was (values, errors) when closed and opened again. */
export function AddIndicatorDisclosure({ className, ...props }: ComponentProps<typeof IndicatorForm> & { className?: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className={className}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary>Add indicator</summary>
      {opened && <IndicatorFormCode {...props} />}
    </details>
  );
}
