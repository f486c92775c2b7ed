import { Badge } from "@mantine/core";
import { CHANGE_KIND_STYLE, type ChangeKind } from "./changeKinds";

/** "Added", "Changed" or "Removed", in its colour. */
export function ChangeKindBadge({ kind }: { kind: ChangeKind }) {
  const { label, color } = CHANGE_KIND_STYLE[kind];
  return (
    <Badge variant="light" color={color} radius="sm" miw={84}>
      {label}
    </Badge>
  );
}
