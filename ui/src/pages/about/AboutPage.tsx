import { Stack, Text, Title } from "@mantine/core";
import { useAppInfo } from "../../api";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { CopyDiagnosticsButton } from "./DiagnosticsModal";
import { InstallationFacts } from "./InstallationFacts";
import { UpdatesSection } from "./UpdatesSection";

/**
 * About TenantAtlas: the version and build, where the data and logs are, the diagnostics to paste
 * into a support ticket, and the update setting with checking and installing.
 */
export function AboutPage() {
  const info = useAppInfo();
  return (
    <Stack gap="lg" maw={960} data-testid="about-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Title order={2} size="h3">
              About TenantAtlas
            </Title>
            <Text size="sm" c="dimmed">
              What this copy of TenantAtlas is, where it keeps its data and logs, and how it is updated.
            </Text>
          </Stack>
        }
        actions={<CopyDiagnosticsButton />}
      />
      {info.isPending ? (
        <DetailSkeleton data-testid="about-loading" />
      ) : info.isError ? (
        <ErrorState
          title="The facts about this installation could not be read"
          message={info.error.message}
          onRetry={() => void info.refetch()}
          retrying={info.isFetching}
        />
      ) : (
        <>
          <InstallationFacts info={info.data} />
          <UpdatesSection info={info.data} />
        </>
      )}
    </Stack>
  );
}
