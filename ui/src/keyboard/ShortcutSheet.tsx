import { Group, Kbd, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { Fragment } from "react";
import { modKey } from "./hotkeys";
import { type KeyCombo, shortcutGroups } from "./shortcuts";

/** The keyboard shortcut sheet (`?`): every shortcut the app handles, by where it works. */
export function ShortcutSheet({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg" data-testid="shortcut-sheet">
      <Stack gap="lg">
        {shortcutGroups(modKey()).map((group) => (
          <section key={group.title} aria-label={group.title}>
            <Title order={5} mb={6}>
              {group.title}
            </Title>
            <Table verticalSpacing={4} layout="fixed">
              <Table.Tbody>
                {group.shortcuts.map((shortcut) => (
                  <Table.Tr key={shortcut.does} data-testid="shortcut">
                    <Table.Td w={170}>
                      <Group gap={6} wrap="nowrap">
                        {shortcut.keys.map((combo, index) => (
                          <Fragment key={combo.join("+")}>
                            {index > 0 && (
                              <Text span size="xs" c="dimmed">
                                or
                              </Text>
                            )}
                            <Combo combo={combo} />
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{shortcut.does}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}

/** Ctrl + K as keys on a keyboard. */
export function Combo({ combo }: { combo: KeyCombo }) {
  return (
    <Group gap={3} wrap="nowrap">
      {combo.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && (
            <Text span size="xs" c="dimmed">
              +
            </Text>
          )}
          <Kbd size="xs">{key}</Kbd>
        </Fragment>
      ))}
    </Group>
  );
}
