import { Alert, Button, Card, Code, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleMinus, IconCircleX, IconPlugConnected, IconShieldLock } from "@tabler/icons-react";
import { usePermissionReport } from "../../api";
import type { FeatureAccess, PermissionReport, Tenant } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { useCan } from "../../workspace";
import { isOptionalFeature, optionalFeatureNote } from "../tenants/permissionGuide";
import { useVerifyAction } from "./useVerifyAction";

/**
 * Per feature, whether the tenant's app registration was granted what it needs (as the last
 * successful verify read it from the token): works, or which permissions are missing and what
 * that stops. Offers Verify, and the admin consent link to send the customer's admin.
 */
export function PermissionsCard({ tenant }: { tenant: Tenant }) {
  const report = usePermissionReport(tenant.id);
  const canVerify = useCan(tenant.workspace_id)("tenant.sync");
  return (
    <Card withBorder padding="md" radius="md" id="permissions" data-testid="permissions-card">
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Group gap={8} wrap="nowrap">
            <IconShieldLock size={18} aria-hidden />
            <Title order={3} size="h5">
              Permissions
            </Title>
            {report.data?.checked_at != null && (
              <Text size="xs" c="dimmed" data-testid="permissions-checked">
                Checked <RelativeTime value={report.data.checked_at} size="xs" c="dimmed" span />
              </Text>
            )}
          </Group>
          {canVerify && report.data?.checked_at != null && <VerifyButton tenant={tenant} label="Check again" />}
        </Group>
        {report.isPending ? (
          <Stack gap={8} aria-busy="true" data-testid="permissions-loading">
            {slots(4).map((slot) => (
              <Skeleton key={slot} height={14} radius="sm" width={`${70 - slot * 8}%`} />
            ))}
          </Stack>
        ) : report.isError ? (
          <ErrorState
            title="The permissions could not be loaded"
            message={report.error.message}
            onRetry={() => void report.refetch()}
            retrying={report.isFetching}
          />
        ) : report.data.checked_at === null ? (
          <NotChecked tenant={tenant} canVerify={canVerify} />
        ) : (
          <Checked tenant={tenant} report={report.data} />
        )}
      </Stack>
    </Card>
  );
}

function VerifyButton({ tenant, label }: { tenant: Tenant; label: string }) {
  const verify = useVerifyAction(tenant.id);
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconPlugConnected size={14} aria-hidden />}
      onClick={verify.start}
      loading={verify.checking}
      data-testid="permissions-verify"
    >
      {label}
    </Button>
  );
}

function NotChecked({ tenant, canVerify }: { tenant: Tenant; canVerify: boolean }) {
  return (
    <Stack gap="xs" align="flex-start" data-testid="permissions-unchecked">
      <Text size="sm" fw={500}>
        Verify the connection to check permissions
      </Text>
      <Text size="sm" c="dimmed">
        Verifying signs in as the app registration and reads which Microsoft Graph permissions the customer&apos;s admin
        granted it; this card then shows, feature by feature, what works and what is missing.
        {canVerify ? "" : " A member who may sync this tenant can verify it."}
      </Text>
      {canVerify && <VerifyButton tenant={tenant} label="Verify connection" />}
    </Stack>
  );
}

/** The report in one sentence; an optional feature without its permission is named apart. */
export function permissionsVerdict(features: readonly FeatureAccess[]): string {
  const missing = features.filter((feature) => !feature.works);
  const required = missing.filter((feature) => !isOptionalFeature(feature.feature));
  const optional = missing.filter((feature) => isOptionalFeature(feature.feature)).map((feature) => feature.label);
  const optionalWords =
    optional.length === 0
      ? ""
      : `${optional.join(" and ")} (optional) ${optional.length === 1 ? "is" : "are"} not granted.`;
  if (missing.length === 0) return "Every feature has the permissions it needs.";
  if (required.length === 0) return `Every sync feature has the permissions it needs; ${optionalWords}`;
  return `${required.length} of ${features.length} features lack permissions.${optionalWords === "" ? "" : ` ${optionalWords}`}`;
}

function Checked({ tenant, report }: { tenant: Tenant; report: PermissionReport }) {
  const missing = report.features.filter((feature) => !feature.works);
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="permissions-verdict">
        {permissionsVerdict(report.features)}
      </Text>
      <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label="Features">
        {report.features.map((feature) => (
          <FeatureRow key={feature.feature} feature={feature} />
        ))}
      </Stack>
      {missing.length > 0 && <Consent tenant={tenant} url={report.admin_consent_url} />}
      <Text size="xs" c="dimmed" data-testid="permissions-granted">
        {report.granted.length === 0
          ? "The app registration was granted no Microsoft Graph application permissions."
          : `Granted to the app registration: ${report.granted.join(", ")}.`}
      </Text>
    </Stack>
  );
}

function FeatureRow({ feature }: { feature: FeatureAccess }) {
  const optional = isOptionalFeature(feature.feature);
  const Icon = feature.works ? IconCircleCheck : optional ? IconCircleMinus : IconCircleX;
  const verdict = feature.works ? "Works" : optional ? "Not granted (optional)" : "Missing";
  const tone = feature.works ? "green" : optional ? "gray" : "red";
  const note = feature.works ? null : optionalFeatureNote(feature.feature);
  return (
    <li data-testid="permission-feature" data-feature={feature.feature} data-works={feature.works}>
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Icon
          size={18}
          stroke={2}
          color={`var(--mantine-color-${tone}-6)`}
          style={{ flexShrink: 0, marginTop: 1 }}
          aria-hidden
        />
        <Stack gap={2} miw={0}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={500}>
              {feature.label}
            </Text>
            <Text size="sm" c={`${tone}.8`}>
              {verdict}
            </Text>
            {feature.missing.map((permission) => (
              <Code key={permission}>{permission}</Code>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {feature.explanation}
          </Text>
          {note !== null && (
            <Text size="xs" c="dimmed" data-testid="permission-feature-optional">
              {note}
            </Text>
          )}
        </Stack>
      </Group>
    </li>
  );
}

/** What to do about missing permissions: the consent link for the customer's admin, or why there is none. */
function Consent({ tenant, url }: { tenant: Tenant; url: string | null }) {
  if (url === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="permissions-no-consent-link">
        {tenant.simulated
          ? "This tenant is simulated: its permissions are set in the built-in simulated cloud, not by an admin."
          : "Add the missing permissions to the app registration, have an admin of the customer's directory grant admin consent, then verify again."}
      </Text>
    );
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Ask the customer's admin for consent"
      data-testid="permissions-consent"
    >
      <Stack gap={6}>
        <Text size="sm">
          Make sure the app registration requests the missing permissions, then send this link to an admin of{" "}
          {tenant.display_name}&apos;s directory: they sign in, review the permissions and grant admin consent. Verify
          again afterwards.
        </Text>
        <CopyableBlock value={url} label="Copy the admin consent link" data-testid="consent-url" />
      </Stack>
    </Alert>
  );
}
