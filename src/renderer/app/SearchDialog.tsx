/**
 * Search (Ctrl/Cmd+K, or the menu): accounts, contacts, commitments, milestones and Baton's
 * commands, a few keys away. Each keystroke asks the node's search index (no account is
 * opened); an answer that arrives after a newer keystroke is dropped. Enter runs the
 * highlighted result; the arrow keys move the highlight.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Modal, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { queryWords, SEARCH_QUERY_MAX, type SearchHit } from "../../../shared/queries/search";
import { useClient, useClientSelector } from "../sync/context";
import { messageOf } from "../sync/api";
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

/** The hits of the node's index for `query` (the latest keystroke's). */
function useHits(query: string): { hits: SearchHit[]; problem: string | null } {
  const client = useClient();
  const [state, setState] = useState<{ hits: SearchHit[]; problem: string | null }>({ hits: [], problem: null });
  const latest = useRef(0);
  useEffect(() => {
    const asked = ++latest.current;
    if (!queryWords(query).length) {
      setState({ hits: [], problem: null });
      return;
    }
    client.api
      .search({ query })
      .then((hits) => asked === latest.current && setState({ hits, problem: null }))
      .catch((e: unknown) => asked === latest.current && setState({ hits: [], problem: messageOf(e) }));
  }, [client, query]);
  return state;
}

function SearchBody({ onPick }: { onPick: (result: SearchResult) => void }) {
  const accounts = useClientSelector((s) => s.accounts);
  const [typed, setTyped] = useState("");
  const [active, setActive] = useState(0);
  // A pasted page is searched by its beginning: more characters cannot narrow anything down.
  const query = typed.slice(0, SEARCH_QUERY_MAX);
  const { hits, problem } = useHits(query);
  const results = useMemo(() => searchResults(query, hits, accounts ?? []), [query, hits, accounts]);
  const current = Math.min(active, Math.max(0, results.length - 1));
  const noWords = typed.trim() !== "" && queryWords(query).length === 0;

  return (
    <Stack gap="sm">
      <TextInput
        label={SEARCH_WORDS.field}
        placeholder={SEARCH_WORDS.placeholder}
        value={typed}
        data-autofocus
        description={typed.length > SEARCH_QUERY_MAX ? SEARCH_WORDS.tooLong(SEARCH_QUERY_MAX) : undefined}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
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
      {problem && (
        <Text size="sm" c="red" role="alert">
          {SEARCH_WORDS.failed(problem)}
        </Text>
      )}
      {results.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {noWords ? SEARCH_WORDS.noWords : SEARCH_WORDS.nothing(query)}
        </Text>
      ) : (
        <ul className={classes.results} aria-label={SEARCH_WORDS.results}>
          {results.map((r, i) => (
            <li key={`${r.command.type}-${i}-${r.label}`}>
              <UnstyledButton className={classes.result} data-active={i === current || undefined} onClick={() => onPick(r)} onMouseEnter={() => setActive(i)}>
                <span className={classes.label}>{r.label}</span>
                {r.detail && <span className={classes.detail}>{r.detail}</span>}
              </UnstyledButton>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
