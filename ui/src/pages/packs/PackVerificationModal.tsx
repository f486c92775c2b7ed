import { Alert, Badge, Button, Code, Group, Loader, Modal, Stack, Table, Text } from "@mantine/core";
import { IconRefresh, IconShieldCheck, IconShieldX } from "@tabler/icons-react";
import { useState } from "react";
import { type PackCheck, usePackVerification } from "../../api";
import type { PackVerification, ReviewPackView } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { toneColor } from "../../vocabulary";
import { DetailTable } from "../tenants/DetailTable";
import { filesCheckedWords, signatureWords } from "./packWords";

let checks = 0;

/** A new check of the file at `path`: each one reads the file again, even the same file twice. */
export function newPackCheck(path: string, workspaceId: string): PackCheck {
  checks += 1;
  return { path, workspaceId, attempt: checks };
}

type PackVerificationModalProps = {
  /** The file to check; the modal is open while there is one. */
  check: PackCheck | null;
  /** The pack the operator meant the file to be, when they started from one. */
  expected?: ReviewPackView | null;
  onClose: () => void;
};

/**
 * The verdict on a review pack file: intact or not in one sentence, the signature in words,
 * the key that signed it, how many files matched, and each file that failed with its problem.
 */
export function PackVerificationModal({ check, expected = null, onClose }: PackVerificationModalProps) {
  return (
    <Modal opened={check !== null} onClose={onClose} title="Review pack check" size="lg">
      {check !== null && <Verification key={check.attempt} initial={check} expected={expected} onClose={onClose} />}
    </Modal>
  );
}

function Verification({
  initial,
  expected,
  onClose,
}: {
  initial: PackCheck;
  expected: ReviewPackView | null;
  onClose: () => void;
}) {
  const [check, setCheck] = useState(initial);
  const verification = usePackVerification(check);
  const again = () => setCheck(newPackCheck(check.path, check.workspaceId));
  return (
    <Stack gap="md" data-testid="pack-verification">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          File
        </Text>
        <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} data-testid="pack-verification-path">
          {check.path}
        </Code>
      </Stack>
      {verification.isPending ? (
        <Group gap="sm" aria-busy="true" data-testid="pack-verification-loading">
          <Loader size="sm" />
          <Text size="sm">Checking every file against the manifest and the signature…</Text>
        </Group>
      ) : verification.isError ? (
        <ErrorState
          title="The file could not be checked"
          message={verification.error.message}
          onRetry={again}
          retrying={verification.isFetching}
        />
      ) : (
        <Verdict verification={verification.data} expected={expected} />
      )}
      <Group justify="flex-end" gap="sm">
        {verification.isSuccess && (
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={again}
            loading={verification.isFetching}
            data-testid="pack-verification-again"
          >
            Check again
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </Group>
    </Stack>
  );
}

function Verdict({ verification, expected }: { verification: PackVerification; expected: ReviewPackView | null }) {
  const signature = signatureWords(verification.signature);
  const Icon = verification.intact ? IconShieldCheck : IconShieldX;
  return (
    <Stack gap="md">
      <Alert
        color={verification.intact ? "green" : "red"}
        variant="light"
        icon={<Icon aria-hidden />}
        title={verification.intact ? "The pack is intact" : "The pack is not intact"}
        data-testid="pack-verdict"
        data-intact={verification.intact}
      >
        <Text size="sm">{verification.verdict}</Text>
      </Alert>
      {expected !== null && <Match verification={verification} expected={expected} />}
      <DetailTable
        caption="What was checked"
        details={[
          {
            label: "Signature",
            value: (
              <Stack gap={4} data-testid="pack-signature" data-signature={verification.signature}>
                <Badge
                  variant="light"
                  color={toneColor(signature.tone)}
                  radius="sm"
                  style={{ alignSelf: "flex-start" }}
                >
                  {signature.label}
                </Badge>
                <Text size="sm">{signature.explanation}</Text>
              </Stack>
            ),
          },
          {
            label: "Signing key fingerprint",
            value:
              verification.key_fingerprint === null ? (
                <Text size="sm" c="dimmed">
                  The pack names no key.
                </Text>
              ) : (
                <Code data-testid="pack-key-fingerprint" style={{ wordBreak: "break-all" }}>
                  {verification.key_fingerprint}
                </Code>
              ),
          },
          {
            label: "Files checked",
            value: (
              <Text size="sm" data-testid="pack-files-checked">
                {filesCheckedWords(verification.files_checked)}
              </Text>
            ),
          },
          {
            label: "Made for",
            value: (
              <Text size="sm" c={verification.tenant_name === null ? "dimmed" : undefined}>
                {verification.tenant_name === null
                  ? "Unknown: the manifest could not be read"
                  : `${verification.tenant_name}${verification.workspace_name === null ? "" : ` · ${verification.workspace_name}`}`}
              </Text>
            ),
          },
          {
            label: "Generated",
            value:
              verification.generated_at === null ? (
                <Text size="sm" c="dimmed">
                  Unknown
                </Text>
              ) : (
                <RelativeTime value={verification.generated_at} size="sm" />
              ),
          },
        ]}
      />
      {verification.problems.length > 0 && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {verification.problems.length === 1
              ? "1 file fails the check"
              : `${verification.problems.length} files fail the check`}
          </Text>
          <Table
            layout="fixed"
            withTableBorder
            verticalSpacing={6}
            aria-label="Files that fail the check"
            data-testid="pack-problems"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="40%">File</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {verification.problems.map((problem) => (
                <Table.Tr key={`${problem.path}:${problem.problem}`} data-testid="pack-problem">
                  <Table.Td>
                    <Code style={{ wordBreak: "break-all" }}>{problem.path}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{problem.problem}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

/** Whether the file is the pack the operator started from (same content fingerprint). */
function Match({ verification, expected }: { verification: PackVerification; expected: ReviewPackView }) {
  if (verification.fingerprint === null) return null;
  const same = verification.fingerprint === expected.pack.fingerprint;
  return (
    <Text size="sm" c={same ? undefined : "red"} data-testid="pack-match" data-same={same}>
      {same
        ? `This file is a copy of ${expected.tenant_name}'s pack you chose.`
        : `This file is not the pack you chose: it holds ${verification.tenant_name ?? "another tenant"}'s pack of other content.`}
    </Text>
  );
}
