/**
 * The customer recap: a preview of the clean document the rep sends after the most
 * important call or the handoff, with downloads as Markdown and HTML, and as PDF: in the
 * desktop app main renders it (`webContents.printToPDF`) and saves it where the person
 * chooses; in browser mode through the browser's print dialog ("Save as PDF"). The
 * preview is the exported HTML itself, in a sandboxed frame, so printing the frame
 * prints exactly the recap.
 */
import { useMemo, useRef, useState } from "react";
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { BRIDGE_KEY, recapHtml, recapMarkdown, recapOf, type BatonBridge } from "../../../../shared";
import { useNotices } from "../../ui/notices";
import { today } from "../../ui/clock";
import { localLocale } from "../../ui/locale";
import { RECAP_WORDS } from "../../words/recap";
import classes from "./Recap.module.css";
import { useAccountQuery, useAccountSnapshot } from "../../document/hooks";

function fileName(account: string, ext: string): string {
  const base = account.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "account";
  return `${base}-recap.${ext}`;
}

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The desktop app's PDF export, when this window has one. */
function desktopPdf(): BatonBridge["savePdf"] | undefined {
  return (window as unknown as Record<string, BatonBridge | undefined>)[BRIDGE_KEY]?.savePdf;
}

export function Recap() {
  const { stored } = useAccountSnapshot();
  const { notify } = useNotices();
  const [saving, setSaving] = useState(false);
  const savePdf = desktopPdf();
  const [withChanges, setWithChanges] = useState(true);
  const frame = useRef<HTMLIFrameElement>(null);
  const recap = useMemo(() => recapOf(stored, { today: today(), locale: localLocale(), includeChanges: withChanges }), [stored, withChanges]);
  const unreachable = recap.callFirst && !recap.callFirst.phone && !recap.callFirst.email ? recap.callFirst.name : null;
  const html = useMemo(() => recapHtml(recap), [recap]);
  const hasBaseline = useAccountQuery((d) => Boolean(d.handoff.baseline) || Object.keys(d.handoff.signOffs).length === 2);

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="recap-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="recap-title">
            Customer recap
          </Title>
          <Text size="sm" c="dimmed">
            {RECAP_WORDS.intro}
          </Text>
        </div>
        <Group gap="sm" wrap="wrap">
          <Checkbox
            label="Include the changes since handoff"
            checked={withChanges}
            disabled={!hasBaseline}
            description={hasBaseline ? undefined : "Available once both have signed off."}
            onChange={(e) => setWithChanges(e.currentTarget.checked)}
          />
        </Group>
        <Group gap="sm">
          <Button variant="light" onClick={() => download(recapMarkdown(recap), fileName(recap.accountName, "md"), "text/markdown;charset=utf-8")}>
            Download Markdown
          </Button>
          <Button variant="light" onClick={() => download(html, fileName(recap.accountName, "html"), "text/html;charset=utf-8")}>
            Download HTML
          </Button>
          {savePdf && (
            <Button
              variant="light"
              loading={saving}
              onClick={() => {
                setSaving(true);
                savePdf({ html, fileName: fileName(recap.accountName, "pdf") })
                  .then((r) => r.saved && notify({ message: `Recap saved as PDF: ${r.path}` }))
                  .catch((e: unknown) => notify({ tone: "error", message: `The recap could not be saved as PDF. ${e instanceof Error ? e.message : String(e)}` }))
                  .finally(() => setSaving(false));
              }}
            >
              Save as PDF
            </Button>
          )}
          <Button variant="default" onClick={() => frame.current?.contentWindow?.print()}>
            {savePdf ? "Print" : "Print or save as PDF"}
          </Button>
        </Group>
        {unreachable && (
          <Text size="sm" c="orange" role="status">
            {RECAP_WORDS.noPhone(unreachable)}
          </Text>
        )}
        <iframe ref={frame} title="Recap preview" srcDoc={html} sandbox="allow-modals allow-same-origin" className={classes.preview} />
      </Stack>
    </Paper>
  );
}
