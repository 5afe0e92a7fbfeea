// electron-builder only loads this to rebuild native modules, which Baton does not have
// (electron-builder.json: "npmRebuild": false). Reaching it means a native module was added.
function rebuild() {
  throw new Error("Baton ships no native modules, so @electron/rebuild is not installed (see vendor/no-electron-rebuild). Remove the override in package.json to rebuild native modules.");
}
module.exports = { rebuild, RebuildMode: {} };
