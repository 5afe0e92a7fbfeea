import { describe, expect, it } from "vitest";
import { browserCommand } from "./open-browser";
import { parseArgs } from "./cli-args";

describe("opening browser mode in the default browser", () => {
  const url = "http://127.0.0.1:5391/?login=abc";

  it("uses the desktop's opener on each platform", () => {
    expect(browserCommand(url, "darwin", {})).toEqual({ command: "open", args: [url] });
    expect(browserCommand(url, "linux", { DISPLAY: ":0" })).toEqual({ command: "xdg-open", args: [url] });
    expect(browserCommand(url, "linux", { WAYLAND_DISPLAY: "wayland-0" })?.command).toBe("xdg-open");
    expect(browserCommand("http://x/?a=1&b=2", "win32", {})).toEqual({ command: "cmd", args: ["/c", "start", '""', "http://x/?a=1^&b=2"] });
  });

  it("opens nothing on a Linux machine without a display (the printed address is enough)", () => {
    expect(browserCommand(url, "linux", {})).toBeNull();
  });

  it("takes --open as a flag without a value", () => {
    expect(parseArgs(["--open", "--port", "0"], { open: "flag", port: "port" })).toEqual({ open: "true", port: "0" });
    expect(() => parseArgs(["--open=yes"], { open: "flag" })).toThrow("--open takes no value.");
  });
});
