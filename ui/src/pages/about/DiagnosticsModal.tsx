import { Button, Code, Group, Modal, ScrollArea, Skeleton, Stack, Text } from "@mantine/core";
import { IconCheck, IconCopy, IconLifebuoy } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useDiagnostics } from "../../api";
import { ErrorState } from "../../components/ErrorState";
import { slots } from "../../components/slots";
import { modKey } from "../../keyboard";
import { logSourceWords } from "./aboutWords";

/** "Copy diagnostics": the support report, shown exactly as it is copied, with its Copy button. */
export function CopyDiagnosticsButton() {
  const [opened, setOpened] = useState(false);
  const close = () => setOpened(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconLifebuoy size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        aria-haspopup="dialog"
        style={{ flexShrink: 0 }}
        data-testid="copy-diagnostics"
      >
        Copy diagnostics
      </Button>
      <Modal opened={opened} onClose={close} title="Diagnostics for support" size="xl" data-testid="diagnostics-modal">
        {/* Mounted only while open: each opening reads the report afresh. */}
        {opened && <DiagnosticsReport onClose={close} />}
      </Modal>
    </>
  );
}

function DiagnosticsReport({ onClose }: { onClose: () => void }) {
  const report = useDiagnostics();
  if (report.isPending) {
    return (
      <Stack gap={8} aria-busy="true" data-testid="diagnostics-loading">
        {slots(8).map((line) => (
          <Skeleton key={line} height={14} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (report.isError) {
    return (
      <ErrorState
        title="The diagnostics could not be gathered"
        message={report.error.message}
        onRetry={() => void report.refetch()}
        retrying={report.isFetching}
      />
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm">
        This report describes this installation for a support ticket. {logSourceWords(report.data)} Secrets and personal
        data were removed; what you see is exactly what is copied.
      </Text>
      <ReportText text={report.data.text} onClose={onClose} />
    </Stack>
  );
}

type CopyState = "ready" | "copied" | "refused";

/** The report in monospace, scrolling, with Copy; where copying is refused, the text is selected for Ctrl+C. */
function ReportText({ text, onClose }: { text: string; onClose: () => void }) {
  const block = useRef<HTMLPreElement>(null);
  const [state, setState] = useState<CopyState>("ready");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard (or no permission): the operator copies the selection instead.
      if (block.current !== null) window.getSelection()?.selectAllChildren(block.current);
      setState("refused");
    }
  };
  return (
    <>
      <ScrollArea.Autosize
        mah="50vh"
        type="auto"
        viewportProps={{ tabIndex: 0, "aria-label": "Diagnostics report" }}
        style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-sm)" }}
      >
        <Code block ref={block} data-testid="diagnostics-text">
          {text}
        </Code>
      </ScrollArea.Autosize>
      <Group justify="space-between" gap="sm" wrap="nowrap" align="center">
        <Text
          size="sm"
          c={state === "refused" ? "orange.8" : "teal.8"}
          role="status"
          data-testid="diagnostics-copy-status"
        >
          {state === "copied" && "Copied. Paste it into your support ticket."}
          {state === "refused" &&
            `The report could not be copied from here. It is selected: press ${modKey()}+C to copy it.`}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" onClick={onClose} data-testid="diagnostics-close">
            Close
          </Button>
          <Button
            color={state === "copied" ? "teal" : undefined}
            leftSection={state === "copied" ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            onClick={() => void copy()}
            data-autofocus
            data-testid="diagnostics-copy"
          >
            {state === "copied" ? "Copied" : "Copy"}
          </Button>
        </Group>
      </Group>
    </>
  );
}
