/**
 * Search (Ctrl/Cmd+K, or the menu): accounts by name and Baton's commands, a few keys away.
 * Enter runs the highlighted result; the arrow keys move the highlight.
 */
import { useMemo, useState } from "react";
import { Modal, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useClientSelector } from "../sync/context";
import { SEARCH_WORDS } from "../words/commands";
import { searchResults, type SearchResult } from "./search";
import classes from "./SearchDialog.module.css";

export function SearchDialog({ opened, onClose, onPick }: { opened: boolean; onClose: () => void; onPick: (result: SearchResult) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={SEARCH_WORDS.title} size="lg" yOffset="12vh">
      {opened && <SearchBody onPick={onPick} />}
    </Modal>
  );
}

function SearchBody({ onPick }: { onPick: (result: SearchResult) => void }) {
  const accounts = useClientSelector((s) => s.accounts);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchResults(query, accounts ?? []), [query, accounts]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  return (
    <Stack gap="sm">
      <TextInput
        label={SEARCH_WORDS.field}
        placeholder={SEARCH_WORDS.placeholder}
        value={query}
        data-autofocus
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, results.length - 1));
          else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter" && results[current]) onPick(results[current]);
          else return;
          e.preventDefault();
        }}
      />
      {results.length === 0 ? (
        <Text size="sm" c="dimmed">
          {SEARCH_WORDS.nothing(query)}
        </Text>
      ) : (
        <ul className={classes.results} aria-label={SEARCH_WORDS.results}>
          {results.map((r, i) => (
            <li key={`${r.command.type}-${r.label}`}>
              <UnstyledButton className={classes.result} data-active={i === current || undefined} onClick={() => onPick(r)} onMouseEnter={() => setActive(i)}>
                {r.label}
              </UnstyledButton>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
