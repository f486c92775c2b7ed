import {
  Alert,
  Button,
  Code,
  Collapse,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { IconCheck, IconChevronDown, IconChevronRight, IconCopy, IconShieldLock } from "@tabler/icons-react";
import { useId, useState } from "react";
import { usePermissionGuide } from "../../api";
import type { PermissionGuide } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { adminConsentUrl, groupByPermissions, isOptionalFeature } from "./permissionGuide";

type PermissionGuideSectionProps = {
  /** What the form holds so far: the admin consent link appears once both are typed. */
  directory: string;
  clientId: string;
};

/**
 * "What the app registration needs", folded by default (read with the dialog, so it opens at once): the Microsoft Graph application
 * permissions to grant (copyable at once), what each feature uses them for, and the admin
 * consent the customer's admin must give, with the link for this directory and client id.
 */
export function PermissionGuideSection({ directory, clientId }: PermissionGuideSectionProps) {
  const [opened, setOpened] = useState(false);
  const panelId = useId();
  return (
    <Paper withBorder radius="sm" data-testid="permission-guide">
      <UnstyledButton
        onClick={() => setOpened((open) => !open)}
        aria-expanded={opened}
        aria-controls={panelId}
        px="sm"
        py={8}
        w="100%"
        data-testid="permission-guide-toggle"
      >
        <Group gap={8} wrap="nowrap">
          {opened ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          <IconShieldLock size={16} aria-hidden />
          <Text size="sm" fw={500}>
            What the app registration needs
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <div id={panelId}>
          <GuideBody directory={directory} clientId={clientId} />
        </div>
      </Collapse>
    </Paper>
  );
}

function GuideBody({ directory, clientId }: PermissionGuideSectionProps) {
  const guide = usePermissionGuide();
  return (
    <Stack gap="sm" px="sm" pb="sm">
      {guide.isPending ? (
        <Stack gap={6} aria-busy="true" data-testid="permission-guide-loading">
          <Skeleton height={12} width="80%" radius="sm" />
          <Skeleton height={12} width="60%" radius="sm" />
          <Skeleton height={12} width="70%" radius="sm" />
        </Stack>
      ) : guide.isError ? (
        <Alert color="red" variant="light" title="The permission list could not be loaded" role="alert">
          <Text size="sm">{guide.error.message}</Text>
          <Button size="xs" variant="default" mt="xs" onClick={() => void guide.refetch()} loading={guide.isFetching}>
            Retry
          </Button>
        </Alert>
      ) : (
        <Permissions guide={guide.data} />
      )}
      <AdminConsent url={adminConsentUrl(directory, clientId)} />
    </Stack>
  );
}

function Permissions({ guide }: { guide: PermissionGuide }) {
  const groups = groupByPermissions(guide.features);
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Text size="sm">
          In the app registration, under <strong>API permissions</strong>, add these <strong>Microsoft Graph</strong>{" "}
          permissions of type <strong>Application</strong> (not Delegated):
        </Text>
        <CopyButton value={guide.permissions.join("\n")}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="default"
              color={copied ? "teal" : undefined}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              onClick={copy}
              style={{ flexShrink: 0 }}
              data-testid="copy-permissions"
            >
              {copied ? "Copied" : "Copy all"}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Stack gap="sm" data-testid="permission-groups">
        {groups.map((group) => (
          <Stack key={group.permissions.join(",")} gap={4} data-testid="permission-group">
            <Group gap={4}>
              {group.permissions.map((permission) => (
                <Code key={permission}>{permission}</Code>
              ))}
            </Group>
            {group.features.map((feature) => (
              <Text key={feature.feature} size="xs" c="dimmed">
                <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                  {feature.label}
                </Text>
                {isOptionalFeature(feature.feature) ? " (optional)" : ""}: {feature.purpose}
              </Text>
            ))}
          </Stack>
        ))}
      </Stack>
    </>
  );
}

function AdminConsent({ url }: { url: string | null }) {
  return (
    <Stack gap={4} data-testid="admin-consent">
      <Text size="sm">
        Application permissions take effect only once <strong>an admin of the customer&apos;s directory</strong> grants
        admin consent for them.
      </Text>
      {url === null ? (
        <Text size="xs" c="dimmed" data-testid="admin-consent-hint">
          Type the directory and the application (client) ID above to get the consent link to send to that admin.
        </Text>
      ) : (
        <CopyableBlock value={url} label="Copy the admin consent link" data-testid="admin-consent-url" />
      )}
    </Stack>
  );
}
