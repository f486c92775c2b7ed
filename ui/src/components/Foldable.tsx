import { Badge, Collapse, Group, Paper, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { type ReactNode, useId, useState } from "react";

type FoldableProps = {
  title: string;
  /** How many entries it holds, beside the title. */
  count: number;
  /** Open at first: for what the reader should not miss. */
  defaultOpened?: boolean;
  children: ReactNode;
  "data-testid"?: string;
};

/**
 * A titled section folded under a button (Enter or Space opens it), its count beside the title.
 * The content is only rendered while it is open.
 */
export function Foldable({ title, count, defaultOpened = false, children, "data-testid": testId }: FoldableProps) {
  const [opened, setOpened] = useState(defaultOpened);
  const panelId = useId();
  return (
    <Paper withBorder radius="sm" data-testid={testId}>
      <UnstyledButton
        onClick={() => setOpened((open) => !open)}
        aria-expanded={opened}
        aria-controls={panelId}
        aria-label={`${title} (${count.toLocaleString()})`}
        px="sm"
        py={8}
        w="100%"
      >
        <Group gap={8} wrap="nowrap">
          {opened ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          <Text size="sm" fw={500}>
            {title}
          </Text>
          <Badge size="sm" variant="light" color="gray" radius="sm" aria-hidden>
            {count.toLocaleString()}
          </Badge>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <div id={panelId}>{opened && children}</div>
      </Collapse>
    </Paper>
  );
}
