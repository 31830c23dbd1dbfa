import { useEffect, useRef, useState, type RefObject } from "react";

// How far outside the viewport a chart's code starts loading, so it is usually drawn by the time it scrolls in.
const loadAheadMargin = "400px 0px";

/**
 * Whether the element behind the returned ref is on screen or nearly so; once
 * true it stays true. Charts use it to fetch and run Chart.js only where a
 * chart will be seen (docs/decisions/0037).
 */
export function useNearViewport<T extends Element>(): [RefObject<T | null>, boolean] {
  const slot = useRef<T>(null);
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
  return [slot, nearViewport];
}
