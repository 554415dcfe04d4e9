// Whether an element has come near the screen (within `margin` below it), once: what loads below the fold
// loads when the reader gets near it.

import { type RefObject, useEffect, useRef, useState } from "react";

export function useNearScreen<E extends Element>(margin = "200px"): [boolean, RefObject<E | null>] {
  const ref = useRef<E>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: `0px 0px ${margin} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, margin]);
  return [near, ref];
}
