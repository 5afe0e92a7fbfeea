/**
 * Short messages at the bottom of the window, where they do not move the page:
 * "Commitment removed — Undo", or an edit that could not be made and why.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Button, CloseButton, Group, Paper, Text } from "@mantine/core";
import classes from "./notices.module.css";

export interface NoticeInput {
  message: string;
  tone?: "info" | "error";
  action?: { label: string; run: () => void };
}

interface Notice extends NoticeInput {
  id: number;
}

interface NoticeApi {
  notify: (notice: NoticeInput) => void;
}

const NoticeContext = createContext<NoticeApi | null>(null);

export function useNotices(): NoticeApi {
  const api = useContext(NoticeContext);
  if (!api) throw new Error("useNotices outside NoticeProvider");
  return api;
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (input: NoticeInput) => {
      const id = next.current++;
      // Keep the last three; an Undo stays long enough to be found.
      setNotices((all) => [...all.slice(-2), { ...input, id }]);
      setTimeout(() => dismiss(id), input.action ? 12_000 : 8_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notify }), [notify]);

  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className={classes.stack} role="region" aria-label="Notifications" aria-live="polite">
        {notices.map((n) => (
          <Paper key={n.id} className={classes.notice} data-tone={n.tone ?? "info"} shadow="md" radius="md" withBorder role={n.tone === "error" ? "alert" : undefined}>
            <Group gap="sm" wrap="nowrap" align="center">
              <Text size="sm" className={classes.message}>
                {n.message}
              </Text>
              {n.action && (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => {
                    n.action?.run();
                    dismiss(n.id);
                  }}
                >
                  {n.action.label}
                </Button>
              )}
              <CloseButton size="sm" aria-label="Dismiss" onClick={() => dismiss(n.id)} />
            </Group>
          </Paper>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
