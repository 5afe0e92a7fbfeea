/** Style sheets are imported for their side effect or as CSS modules (Vite handles both). */
declare module "*.module.css" {
  const classes: Record<string, string>;
  export default classes;
}
declare module "*.css";

/** `?url` imports give the URL Vite serves the file at (e.g. Automerge's .wasm). */
declare module "*?url" {
  const url: string;
  export default url;
}
