/** "As it was…": the named points of the account (most important call, order, handoff) and the way to any other moment (the timeline). */
import { useState } from "react";
import { Button, Menu } from "@mantine/core";
import { namedPoints, type NamedPoint } from "../../../../shared";
import { formatMoment } from "../../ui/clock";
import { NAMED_POINT_LABEL, NAMED_POINT_MENU, HISTORY_WORDS as W } from "../../words/history";
import { useAccountSession } from "../../document/hooks";
import { useHistory } from "./history";

export function HistoryMenu({ onShowTimeline }: { onShowTimeline: () => void }) {
  const session = useAccountSession();
  const history = useHistory();
  // Read when the menu opens: finding the order's change looks at a few past states.
  const [points, setPoints] = useState<NamedPoint[]>([]);
  if (!history) return null;
  return (
    <Menu position="bottom-end" onOpen={() => setPoints(namedPoints(session.handle.doc()))}>
      <Menu.Target>
        <Button variant="default" size="xs" aria-label={W.menuLabel}>
          {W.menu}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {points.map((p) => (
          <Menu.Item key={p.id} onClick={() => history.openAt({ heads: p.heads, label: NAMED_POINT_LABEL[p.id], at: p.at })}>
            {NAMED_POINT_MENU[p.id]} <span className="visually-hidden">, </span>
            <time dateTime={p.at} style={{ opacity: 0.7, fontSize: "0.85em" }}>
              {" "}
              ({formatMoment(p.at)})
            </time>
          </Menu.Item>
        ))}
        {points.length === 0 && <Menu.Label style={{ whiteSpace: "normal", maxWidth: 280 }}>{W.noNamedPoints}</Menu.Label>}
        <Menu.Divider />
        <Menu.Item onClick={onShowTimeline}>{W.pickFromTimeline}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
