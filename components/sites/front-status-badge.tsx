import { Badge } from "@/components/ui/badge";
import { FRONT_STATUS, type FrontStatus } from "./site-labels";

/** The site's front config state: ok (published), quarantined (kept on its last good config) or pending. */
export function FrontStatusBadge({ status }: { status: FrontStatus }) {
  const { tone, label } = FRONT_STATUS[status];
  return (
    <span data-testid="front-status" data-status={status} title={`Front config: ${label}`}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
