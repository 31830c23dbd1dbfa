import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's one link: next/link (navigation on the client) without prefetching. Every page is rendered per request
 * (force-dynamic) and none has a loading state, so a prefetch brings back little a click can reuse, yet each link in
 * view made the browser fetch its page twice while the page itself was still loading: a server render and a read of
 * the signed-in user per link, and main-thread work in the browser (docs/decisions/0037, which began with the
 * header's links). A click still navigates on the client.
 */
export default function Link(props: Omit<ComponentProps<typeof NextLink>, "prefetch">) {
  return <NextLink {...props} prefetch={false} />;
}
