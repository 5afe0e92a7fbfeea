/** IPC channel names between Electron main and the preload bridge. */
export const ENDPOINT_CHANNEL = "baton:endpoint";
/** Main → renderer: a command from the menu, a deep link or a clicked reminder (shared/app-commands.ts). */
export const COMMAND_CHANNEL = "baton:command";

/** Renderer → main: the window listens for commands now (main holds them until then). */
export const COMMANDS_READY_CHANNEL = "baton:commands-ready";

/** Renderer → main: render a recap's HTML to PDF and save it where the person chooses. */
export const SAVE_PDF_CHANNEL = "baton:save-pdf";

/** The origin the desktop app's renderer is served from (a privileged custom scheme). */
export const APP_ORIGIN = "baton://app";
