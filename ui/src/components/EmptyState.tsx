import { Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";

type EmptyStateProps = {
  icon: Icon;
  title: string;
  description: ReactNode;
  /** At most one next step, and only one that exists. */
  action?: ReactNode;
  "data-testid"?: string;
};

export function EmptyState({ icon: IconComponent, title, description, action, ...rest }: EmptyStateProps) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid={rest["data-testid"] ?? "empty-state"}>
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <IconComponent size={24} aria-hidden />
      </ThemeIcon>
      <Title order={4}>{title}</Title>
      <Text c="dimmed" size="sm" maw={460}>
        {description}
      </Text>
      {action}
    </Stack>
  );
}
