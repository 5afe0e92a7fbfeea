/** In the header while a meeting is on: which account, and a way back to it. */
import { Badge } from "@mantine/core";
import { useClientSelector } from "../sync/context";
import { hrefOf } from "../ui/route";

export function MeetingIndicator({ className }: { className?: string }) {
  const hosting = useClientSelector((s) => s.status?.hosting ?? null);
  const joined = useClientSelector((s) => s.status?.joined ?? null);
  const meeting = hosting ?? joined;
  if (!meeting) return null;
  const what = hosting ? "Hosting" : "In meeting";
  // Someone asks to join while the host is on another page: say so where they look.
  const knocks = hosting?.knocks ?? [];
  const asking = knocks.length === 1 ? `${knocks[0]!.name} asks to join · ` : knocks.length > 1 ? `${String(knocks.length)} ask to join · ` : "";
  return (
    <Badge
      component="a"
      href={hrefOf({ page: "account", documentId: meeting.documentId })}
      className={className}
      variant="light"
      color={knocks.length ? "orange" : "teal"}
      size="lg"
      radius="sm"
      style={{ textTransform: "none", cursor: "pointer", maxWidth: 300 }}
      title={`${asking}${what}: ${meeting.accountName}`}
    >
      {asking}
      {what}: {meeting.accountName || "account"}
    </Badge>
  );
}
