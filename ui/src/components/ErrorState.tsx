import { Button, Group, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { FailureAlert } from "./FailureAlert";

type ErrorStateProps = {
  title: string;
  /** The backend's message, shown verbatim: it names the problem. */
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
};

export function ErrorState({ title, message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <FailureAlert title={title} data-testid="error-state">
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
    </FailureAlert>
  );
}
