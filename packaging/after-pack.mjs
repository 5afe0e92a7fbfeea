/**
 * electron-builder's afterPack hook (electron-builder.json): flip Baton's fuses
 * (fuses.mjs) in the packaged Electron binary, then read them back — before electron-builder
 * signs the app, as the fuses must be. A package whose fuses are not as Baton needs them
 * fails the build instead of shipping.
 */
import fuses from "@electron/fuses";
import { join } from "node:path";
import { BATON_FUSES, wrongFuses } from "./fuses.mjs";

const { flipFuses } = fuses;

/** The packaged Electron binary (or .app bundle) electron-builder wrote in `appOutDir`. */
export function packagedBinary({ appOutDir, electronPlatformName, executableName, productFilename }) {
  switch (electronPlatformName) {
    case "darwin":
    case "mas":
      return join(appOutDir, `${productFilename}.app`);
    case "win32":
      return join(appOutDir, `${productFilename}.exe`);
    default:
      return join(appOutDir, executableName);
  }
}

/** The fuse configuration for a platform: Baton's, with the ad-hoc signature reset on macOS (flipping a fuse breaks it; signing follows). */
export function fusesFor(electronPlatformName) {
  return { ...BATON_FUSES, resetAdHocDarwinSignature: electronPlatformName === "darwin" || electronPlatformName === "mas" };
}

export default async function afterPack(context) {
  const binary = packagedBinary({
    appOutDir: context.appOutDir,
    electronPlatformName: context.electronPlatformName,
    executableName: context.packager.executableName,
    productFilename: context.packager.appInfo.productFilename,
  });
  await flipFuses(binary, fusesFor(context.electronPlatformName));
  const wrong = await wrongFuses(binary);
  if (wrong.length) throw new Error(`fuses not as Baton needs them in ${binary}: ${wrong.join(", ")}`);
  console.log(`  • fuses set in ${binary}: RunAsNode, NODE_OPTIONS and --inspect off; asar integrity, asar-only and cookie encryption on`);
}
