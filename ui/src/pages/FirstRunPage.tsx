import {
  Alert,
  Button,
  Card,
  Code,
  Container,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingSkyscraper, IconFlask, type TablerIcon } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { useCreateDemoWorkspace } from "../api";
import type { AppInfo } from "../bindings/types";
import { FailureAlert } from "../components/FailureAlert";
import { storageLabel } from "../components/StorageBadge";
import { CreateWorkspaceForm, useSelectedWorkspaceId } from "../workspace";

/**
 * The operator belongs to no workspace yet: explain the product and offer both ways in, side by
 * side: their own workspace for real customers, and the demo (when this build has it). In team
 * mode (a shared PostgreSQL database) they are most likely waiting to be added to their team's
 * workspace: that is said first, and a workspace of their own stays on offer. App shows this page
 * while the workspace list is empty, so it gives way by itself once an owner adds them.
 */
export function FirstRunPage({ appInfo }: { appInfo: AppInfo }) {
  const team = appInfo.backend === "postgres";
  return (
    <Container size={980} py={48} data-testid="first-run">
      <Stack gap="lg">
        {team ? (
          <NotInTeamWorkspace appInfo={appInfo} />
        ) : (
          <Stack gap="xs" maw={720}>
            <Title order={2}>Welcome to TenantAtlas</Title>
            <Text>
              TenantAtlas lets you govern all of your customers&apos; Microsoft 365 tenants from one workstation: pull
              their Intune and Entra ID configuration, keep versioned backups, and see where each tenant drifts from
              your baselines. Long work runs in the background and every run is recorded, so you can always see what
              happened.
            </Text>
          </Stack>
        )}

        <SimpleGrid cols={{ base: 1, sm: appInfo.demo_available ? 2 : 1 }} spacing="md">
          <Choice
            icon={IconBuildingSkyscraper}
            title="Create your workspace"
            description="For your own customers. Add each customer's tenant with the app registration TenantAtlas signs in with; you become the workspace's owner."
            testId="first-run-create"
          >
            <CreateWorkspaceForm />
          </Choice>
          {appInfo.demo_available && <DemoChoice />}
        </SimpleGrid>

        {!team && !appInfo.demo_available && (
          <Alert color="gray" variant="light" title="Joining your team instead?" data-testid="no-workspace">
            If your team already works in TenantAtlas, ask the owner of its workspace to add you; TenantAtlas then opens
            it here. This build includes no demo.
          </Alert>
        )}

        <List size="sm" spacing={4} c="dimmed" data-testid="first-run-storage">
          <List.Item>
            Data is stored in <Code>{appInfo.data_dir}</Code>
          </List.Item>
          <List.Item>
            Storage: {storageLabel(appInfo.backend)}, database <Code>{appInfo.database_location}</Code>
          </List.Item>
        </List>
      </Stack>
    </Container>
  );
}

/** Team mode: who the operator is signed in as, and how they get into their team's workspace. */
function NotInTeamWorkspace({ appInfo }: { appInfo: AppInfo }) {
  const { display_name: displayName, login } = appInfo.user;
  return (
    <Stack gap="xs" maw={720} data-testid="first-run-team">
      <Title order={2}>You are not in a workspace yet</Title>
      <Text>
        You are signed in to the shared database as{" "}
        {displayName.trim() === "" ? (
          <strong>{login}</strong>
        ) : (
          <>
            <strong>{displayName}</strong> ({login})
          </>
        )}
        . An owner of your team&apos;s workspace can add you on their Members page — once they do, it appears here by
        itself. You can also start a workspace of your own.
      </Text>
    </Stack>
  );
}

type ChoiceProps = { icon: TablerIcon; title: string; description: string; testId: string; children: ReactNode };

/** One way in: what it is, then what it takes. Both look alike, so neither reads as the default. */
function Choice({ icon: Icon, title, description, testId, children }: ChoiceProps) {
  return (
    <Card withBorder padding="lg" radius="md" data-testid={testId}>
      <Stack gap="md" h="100%">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={36} radius="md" variant="light">
            <Icon size={20} aria-hidden />
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </Stack>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** The demo workspace: simulated tenants, nothing connects to Microsoft. */
function DemoChoice() {
  const [, setSelectedWorkspaceId] = useSelectedWorkspaceId();
  const navigate = useNavigate();
  const createDemo = useCreateDemoWorkspace({
    onCreated: (response) => {
      setSelectedWorkspaceId(response.workspace.workspace.id);
      notifications.show({
        color: "green",
        title: response.created ? "Demo workspace created" : "Demo workspace already exists",
        message: `${response.workspace.workspace.name} · ${response.tenants.length} simulated tenants`,
      });
      navigate("/");
    },
  });
  return (
    <Choice
      icon={IconFlask}
      title="Explore the demo"
      description="Try everything first with simulated customers: nothing connects to Microsoft and no real tenant is touched."
      testId="first-run-demo"
    >
      <Text size="sm">
        Creates the workspace <strong>Northwind MSP (demo)</strong> with three simulated customer tenants, served by the
        simulated Microsoft cloud built into TenantAtlas. You can create your own workspace at any time from the
        workspace menu.
      </Text>
      {createDemo.isError && (
        <FailureAlert title="The demo workspace was not created" data-testid="create-demo-error">
          {createDemo.error.message}
        </FailureAlert>
      )}
      <div>
        <Button
          onClick={() => createDemo.mutate()}
          loading={createDemo.isPending}
          disabled={createDemo.isPending}
          leftSection={<IconFlask size={16} aria-hidden />}
          data-testid="create-demo-workspace"
        >
          Create demo workspace
        </Button>
      </div>
    </Choice>
  );
}
