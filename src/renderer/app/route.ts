/** Hash routes (no router dependency): #/, #/accounts/<documentId>, #/settings. */
import { useEffect, useState } from "react";

export type Route = { page: "accounts" } | { page: "account"; documentId: string } | { page: "settings" } | { page: "unknown"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/" || path === "/accounts" || path === "/accounts/") return { page: "accounts" };
  if (path === "/settings") return { page: "settings" };
  const m = /^\/accounts\/([^/]+)$/.exec(path);
  if (m?.[1]) {
    try {
      return { page: "account", documentId: decodeURIComponent(m[1]) };
    } catch {
      return { page: "unknown", path };
    }
  }
  return { page: "unknown", path };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case "accounts":
      return "#/";
    case "account":
      return `#/accounts/${encodeURIComponent(route.documentId)}`;
    case "settings":
      return "#/settings";
    case "unknown":
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
