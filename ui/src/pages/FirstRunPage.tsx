import { Alert, Button, Card, Code, Container, List, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconFlask } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useCreateDemoWorkspace } from "../api";
import type { AppInfo } from "../bindings/types";
import { storageLabel } from "../components/StorageBadge";
import { useSelectedWorkspaceId } from "../workspace";

/** The operator belongs to no workspace yet: explain the product and offer the demo (when built in). */
export function FirstRunPage({ appInfo }: { appInfo: AppInfo }) {
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
      navigate("/tenants");
    },
  });

  return (
    <Container size={640} py={48} data-testid="first-run">
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={2}>Welcome to TenantAtlas</Title>
          <Text>
            TenantAtlas lets you govern all of your customers&apos; Microsoft 365 tenants from one workstation: pull
            their Intune and Entra ID configuration, keep versioned backups, and see where each tenant drifts from your
            baselines. Long work runs in the background and every run is recorded, so you can always see what happened.
          </Text>
        </Stack>

        {appInfo.demo_available ? (
          <Card withBorder padding="lg" radius="md">
            <Stack gap="sm">
              <Title order={4}>Try it with a demo workspace</Title>
              <Text size="sm">
                Creates the workspace <strong>Northwind MSP (demo)</strong> with three simulated customer tenants. They
                are served by the simulated Microsoft cloud built into TenantAtlas, so nothing connects to Microsoft and
                no real tenant is touched.
              </Text>
              <List size="sm" spacing={4}>
                <List.Item>
                  Data is stored in <Code>{appInfo.data_dir}</Code>
                </List.Item>
                <List.Item>
                  Storage: {storageLabel(appInfo.backend)}, database <Code>{appInfo.database_location}</Code>
                </List.Item>
              </List>
              {createDemo.isError && (
                <Alert
                  color="red"
                  variant="light"
                  title="The demo workspace was not created"
                  icon={<IconAlertTriangle aria-hidden />}
                  role="alert"
                  data-testid="create-demo-error"
                >
                  {createDemo.error.message}
                </Alert>
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
            </Stack>
          </Card>
        ) : (
          <Alert color="gray" variant="light" title="No workspace yet" data-testid="no-workspace">
            You are not a member of any workspace. This build of TenantAtlas includes no demo, so ask the owner of your
            team&apos;s workspace to add you; TenantAtlas then opens it here.
          </Alert>
        )}
      </Stack>
    </Container>
  );
}
