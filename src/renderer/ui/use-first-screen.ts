/**
 * How many of a long list's rows to draw now: a screenful on the first draw, all of them
 * from the next frame on. Opening an account drew every editable row (~80 for a year-long
 * account, about half of the open in the profile) before anything was painted; the first
 * screen now paints without waiting for the rows below it, which follow before anyone
 * can scroll to them.
 */
import { useEffect, useState } from "react";

export const FIRST_SCREEN_ROWS = 12;

export function useFirstScreenFirst(count: number): number {
  // Only the first draw is cut: a row added later (past the screenful) shows at once.
  const [all, setAll] = useState(false);
  useEffect(() => {
    // After the frame that paints the first rows: a task queued from requestAnimationFrame.
    let task: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      task = setTimeout(() => setAll(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
    };
  }, []);
  return all ? count : Math.min(count, FIRST_SCREEN_ROWS);
}
