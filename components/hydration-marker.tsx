"use client";
import { useEffect } from "react";

// Marks <html data-hydrated> once React has hydrated the page, so browser tests
// (tests/support/browser.ts) wait until key and click handlers are attached
// instead of acting on server-rendered markup that ignores them. It renders nothing.
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
