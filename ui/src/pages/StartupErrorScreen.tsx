import { Center, Code, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconAlertOctagon } from "@tabler/icons-react";

/**
 * Shown when the backend could not start (damaged database, unreachable PostgreSQL, ...).
 * Deliberately offers nothing to click: the app must not touch data it could not open.
 */
export function StartupErrorScreen({ message }: { message: string }) {
  return (
    <Center mih="100vh" p="xl" data-testid="startup-error">
      <Stack maw={640} gap="md">
        <ThemeIcon size={48} radius="xl" color="red" variant="light">
          <IconAlertOctagon size={28} aria-hidden />
        </ThemeIcon>
        <Title order={2}>TenantAtlas cannot start</Title>
        <Code block data-testid="startup-error-message" style={{ whiteSpace: "pre-wrap" }}>
          {asSentence(message)}
        </Code>
        <Text size="sm" c="dimmed">
          Nothing was changed. Fix the problem described above, then restart TenantAtlas.
        </Text>
      </Stack>
    </Center>
  );
}

/** Backend messages start lower-case (they are also used mid-sentence); shown alone, they start
 * with a capital. */
function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
