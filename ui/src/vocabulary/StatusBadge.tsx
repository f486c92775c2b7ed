import { Badge, type BadgeProps } from "@mantine/core";
import type { VocabularyDomain } from "../bindings/vocabulary";
import { iconFor } from "./icons";
import { present, toneColor, type VocabularyCode } from "./present";

type StatusBadgeProps<D extends VocabularyDomain> = {
  domain: D;
  code: VocabularyCode<D>;
  size?: BadgeProps["size"];
};

/** A status as the vocabulary presents it: its label, in its tone's colour, with its icon. */
export function StatusBadge<D extends VocabularyDomain>({ domain, code, size = "sm" }: StatusBadgeProps<D>) {
  const { label, tone, icon } = present(domain, code);
  const IconComponent = iconFor(icon);
  return (
    <Badge
      variant="light"
      color={toneColor(tone)}
      size={size}
      radius="sm"
      leftSection={<IconComponent size={12} stroke={2} aria-hidden />}
      data-tone={tone}
    >
      {label}
    </Badge>
  );
}
