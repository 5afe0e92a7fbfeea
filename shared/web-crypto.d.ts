/**
 * The one host API shared/ uses: Web Crypto's random values, at `globalThis.crypto` in
 * browsers and in Node (19 and later). shared/'s program (tsconfig.shared.json) has
 * neither the DOM lib nor Node's types, so these two functions are declared here, and
 * nothing else of either host comes with them. The window's and the node's programs type
 * `crypto` from their own libraries; `Crypto` is the DOM lib's name, so the declarations
 * merge wherever both are seen.
 */
interface Crypto {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
}
// eslint-disable-next-line no-var -- only a var declares a property of globalThis
declare var crypto: Crypto;
