"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

// How far outside the viewport a chart's code starts loading, so it is usually drawn by the time it scrolls in.
const loadAheadMargin = "400px 0px";

/**
 * Shows `placeholder` until the slot is on screen or nearly so, then
 * `children` for good. Charts put their next/dynamic component inside, so
 * Chart.js is fetched and run only where a chart will be seen
 * (docs/decisions/0037). The slot carries `data-<name>-slot` for tests to
 * scroll it into view.
 */
export function NearViewportSlot({ name, placeholder, children }: { name: string; placeholder: ReactNode; children: ReactNode }) {
  const slot = useRef<HTMLDivElement>(null);
  const [nearViewport, setNearViewport] = useState(false);
  useEffect(() => {
    const element = slot.current;
    if (!element || nearViewport) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNearViewport(true);
      },
      { rootMargin: loadAheadMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [nearViewport]);
  return (
    <div ref={slot} {...{ [`data-${name}-slot`]: "" }}>
      {nearViewport ? children : placeholder}
    </div>
  );
}
