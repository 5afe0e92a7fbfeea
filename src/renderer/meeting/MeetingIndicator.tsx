/** In the header while a meeting is on: which account, and a way back to it. */
import { Badge } from "@mantine/core";
import { useClientState } from "../sync/context";
import { hrefOf } from "../app/route";

export function MeetingIndicator({ className }: { className?: string }) {
  const { status } = useClientState();
  const meeting = status?.hosting ?? status?.joined ?? null;
  if (!meeting) return null;
  const what = status?.hosting ? "Hosting" : "In meeting";
  return (
    <Badge
      component="a"
      href={hrefOf({ page: "account", documentId: meeting.documentId })}
      className={className}
      variant="light"
      color="teal"
      size="lg"
      radius="sm"
      style={{ textTransform: "none", cursor: "pointer", maxWidth: 300 }}
      title={`${what}: ${meeting.accountName}`}
    >
      {what}: {meeting.accountName || "account"}
    </Badge>
  );
}
