import { Stack, Text } from "@mantine/core";
import type { AppInfo } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { storageLabel } from "../../components/StorageBadge";
import { type Detail, DetailTable } from "../tenants/DetailTable";

/** What this copy of TenantAtlas is and where it keeps its data: what support asks first. */
export function InstallationFacts({ info }: { info: AppInfo }) {
  const details: Detail[] = [
    {
      label: "Version",
      value: (
        <Text size="sm" data-testid="about-version">
          {info.product} {info.version}
        </Text>
      ),
    },
    {
      label: "Commit",
      value:
        info.commit === "unknown" ? (
          <Text size="sm" c="dimmed" data-testid="about-commit">
            unknown (not built from a git checkout)
          </Text>
        ) : (
          <Mono testId="about-commit">{info.commit}</Mono>
        ),
    },
    // As the number it is (a migration's timestamp): no thousands separators.
    { label: "Database schema", value: <Mono testId="about-schema">{String(info.schema_version)}</Mono> },
    {
      label: "Database",
      value: (
        <Stack gap={4} data-testid="about-database">
          <Text size="sm">{storageLabel(info.backend)}</Text>
          <CopyableBlock value={info.database_location} label="Copy the database location" />
        </Stack>
      ),
    },
    {
      label: "Data folder",
      value: <CopyableBlock value={info.data_dir} label="Copy the data folder" data-testid="about-data-dir" />,
    },
    {
      label: "Log folder",
      value: <CopyableBlock value={info.log_dir} label="Copy the log folder" data-testid="about-log-dir" />,
    },
    { label: "Signed in as", value: `${info.user.display_name} (${info.user.login})` },
  ];
  return <DetailTable caption="This installation" details={details} />;
}

function Mono({ children, testId }: { children: string; testId: string }) {
  return (
    <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }} data-testid={testId}>
      {children}
    </Text>
  );
}
