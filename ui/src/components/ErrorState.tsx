import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";

type ErrorStateProps = {
  title: string;
  /** The backend's message, shown verbatim: it names the problem. */
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
};

export function ErrorState({ title, message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      data-testid="error-state"
    >
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {message}
      </Text>
      {onRetry && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={onRetry}
            loading={retrying}
          >
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
