/** IPC channel names between Electron main and the preload bridge. */
export const ENDPOINT_CHANNEL = "baton:endpoint";

/** Renderer → main: render a recap's HTML to PDF and save it where the person chooses. */
export const SAVE_PDF_CHANNEL = "baton:save-pdf";

/** The origin the desktop app's renderer is served from (a privileged custom scheme). */
export const APP_ORIGIN = "baton://app";
