/**
 * Following a long import or export the node runs: its progress, asked for a few times a
 * second while it runs (the node does the work; the window only shows how far it got).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { JobProgress } from "../../../shared/import/public";
import { messageOf } from "../sync/api";

const POLL_MS = 250;

export function useJob(progressOf: () => Promise<JobProgress>) {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ask = useRef(progressOf);
  ask.current = progressOf;

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  /** Follow a job that has just started (its first progress), until it ends; resolves with its end. */
  const follow = useCallback(
    (first: JobProgress) =>
      new Promise<JobProgress>((resolve) => {
        stop();
        setProblem(null);
        setProgress(first);
        const poll = (p: JobProgress) => {
          if (p.state !== "running" && p.state !== "finishing") {
            resolve(p);
            return;
          }
          timer.current = setTimeout(() => {
            ask.current().then(
              (next) => {
                setProgress(next);
                poll(next);
              },
              (e: unknown) => {
                // The node may be busy writing: keep asking, and say why meanwhile.
                setProblem(messageOf(e));
                poll(p);
              },
            );
          }, POLL_MS);
        };
        poll(first);
      }),
    [stop],
  );

  useEffect(() => stop, [stop]);
  return { progress, problem, follow, clear: () => setProgress(null) };
}

/** Save a file the node made, as the browser's download (Electron asks where, like a save dialog). */
export function saveFile(file: { name: string; type: string; bytes: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
