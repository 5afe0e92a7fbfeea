/**
 * Always in the header: has this device's sync node got every edit ("All changes
 * saved" / "Saving…"), and who else is this device syncing with (Offline, a meeting,
 * the team server). One live region, named "Sync status".
 */
import { Fragment } from "react";
import { Tooltip } from "@mantine/core";
import { useClientState } from "./context";
import { localPhrase, peerPhrases, type Phrase } from "../words/sync";
import classes from "./SyncStatus.module.css";

function Part({ phrase }: { phrase: Phrase }) {
  return (
    <span className={classes.part} data-tone={phrase.tone}>
      <span className={classes.dot} aria-hidden="true" />
      <span className={classes.text}>{phrase.text}</span>
    </span>
  );
}

export function SyncStatus() {
  const { link, unsaved, status } = useClientState();
  const local = localPhrase(link.connected, unsaved);
  const peers = peerPhrases(status?.links ?? []);
  const all = [local, ...peers].map((p) => p.text).join(" · ");
  return (
    <Tooltip label={all} multiline maw={420} openDelay={400}>
      <div role="status" aria-label="Sync status" aria-live="polite" className={classes.root} tabIndex={0}>
        <Part phrase={local} />
        {peers.map((p, i) => (
          <Fragment key={i}>
            <span className={classes.sep}>
              <span className="visually-hidden"> · </span>
            </span>
            <Part phrase={p} />
          </Fragment>
        ))}
      </div>
    </Tooltip>
  );
}
