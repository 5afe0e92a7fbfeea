/**
 * "Start Baton at login", so reminders come from the moment the laptop is on. macOS and
 * Windows have an API for it (app.setLoginItemSettings); on Linux it is a desktop entry in
 * ~/.config/autostart (the XDG autostart specification).
 */

/** The argument a login start carries: Baton then starts in the tray, without a window. */
export const HIDDEN_ARG = "--hidden";

/** The autostart desktop entry that starts `exec` (quoted for the Exec key) at login. */
export function autostartEntry(exec: string): string {
  const quoted = /[\s"'\\$`]/.test(exec) ? `"${exec.replace(/(["\\$`])/g, "\\$1")}"` : exec;
  return ["[Desktop Entry]", "Type=Application", "Name=Baton", "Comment=Reminders for the calls you agreed", `Exec=${quoted} ${HIDDEN_ARG}`, "X-GNOME-Autostart-enabled=true", ""].join("\n");
}
