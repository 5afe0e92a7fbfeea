/**
 * Hash routes (no router dependency): #/ (Today), #/accounts, #/pipeline, #/accounts/new (with the new
 * account form open), #/accounts/<documentId>, #/calls/<documentId>/<callId>, #/settings,
 * #/import-export,
 * and #/open?link=<account link> (a deep link given to browser mode in its address).
 */
import { useEffect, useState } from "react";

export type Route =
  | { page: "today" }
  | { page: "accounts" }
  | { page: "pipeline" }
  | { page: "new-account" }
  | { page: "open"; link: string }
  | { page: "account"; documentId: string }
  | { page: "call"; documentId: string; followUpId: string }
  | { page: "settings" }
  | { page: "transfer" }
  | { page: "unknown"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/" || path === "/today") return { page: "today" };
  if (path === "/accounts" || path === "/accounts/") return { page: "accounts" };
  if (path === "/settings") return { page: "settings" };
  if (path === "/import-export") return { page: "transfer" };
  if (path === "/pipeline") return { page: "pipeline" };
  if (path === "/accounts/new") return { page: "new-account" };
  if (path === "/open" || path.startsWith("/open?")) return { page: "open", link: new URLSearchParams(path.slice("/open".length)).get("link") ?? "" };
  try {
    const m = /^\/accounts\/([^/]+)$/.exec(path);
    if (m?.[1]) return { page: "account", documentId: decodeURIComponent(m[1]) };
    const c = /^\/calls\/([^/]+)\/([^/]+)$/.exec(path);
    if (c?.[1] && c[2]) return { page: "call", documentId: decodeURIComponent(c[1]), followUpId: decodeURIComponent(c[2]) };
  } catch {
    return { page: "unknown", path };
  }
  return { page: "unknown", path };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case "today":
      return "#/";
    case "accounts":
      return "#/accounts";
    case "new-account":
      return "#/accounts/new";
    case "open":
      return `#/open?${new URLSearchParams({ link: route.link }).toString()}`;
    case "account":
      return `#/accounts/${encodeURIComponent(route.documentId)}`;
    case "call":
      return `#/calls/${encodeURIComponent(route.documentId)}/${encodeURIComponent(route.followUpId)}`;
    case "settings":
      return "#/settings";
    case "transfer":
      return "#/import-export";
    case "pipeline":
      return "#/pipeline";
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
