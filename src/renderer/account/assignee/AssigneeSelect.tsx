/**
 * Who does a call, a milestone or a commitment — and so who is reminded of it: the account's
 * rep or its delivery lead. An assignee who no longer shares the account is named, with
 * who is reminded meanwhile (the owner), until someone assigns it again.
 */
import { Text } from "@mantine/core";
import { assignmentOf, sharersOf, type AccountDoc, type AssignableKind } from "../../../../shared";
import { useAccountQuery, useEdit, useReadOnly } from "../../document/hooks";
import { ASSIGNEE_WORDS } from "../../words/labels";
import { inputClass } from "../../ui/PlainField";

const CONTAINER = { "follow-up": "followUps", milestone: "milestones", commitment: "commitments" } as const;

function assigneeView(doc: AccountDoc, kind: AssignableKind, id: string) {
  const item = doc[CONTAINER[kind]]?.[id];
  const sharers = sharersOf(doc);
  if (!item) return { sharers, personId: "", gone: null as string | null };
  const a = assignmentOf(doc, item);
  return { sharers, personId: a.person?.id ?? "", gone: a.gone?.name ?? null };
}

export function AssigneeSelect({ kind, id, what }: { kind: AssignableKind; id: string; what: string }) {
  const view = useAccountQuery((d) => assigneeView(d, kind, id), [kind, id]);
  const edit = useEdit();
  const readOnly = useReadOnly();
  if (view.sharers.length === 0) return null;
  return (
    <div>
      {/* A plain select: every commitment and milestone row has one (see PlainField). */}
      <select
        aria-label={ASSIGNEE_WORDS.label(what)}
        className={inputClass("xs")}
        value={view.personId}
        disabled={readOnly}
        onChange={(e) => edit("assign", { kind, id, personId: e.currentTarget.value })}
      >
        {view.sharers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {view.gone && (
        <Text size="xs" c="orange" role="status">
          {ASSIGNEE_WORDS.gone(view.gone)}
        </Text>
      )}
    </div>
  );
}
