import { Code, Stack, Text, Title } from "@mantine/core";
import type { AppInfo } from "../../bindings/types";
import { UPDATED_BY_PACKAGE_MANAGER, UPDATES_OFF } from "./aboutWords";
import { UpdateAddressForm } from "./UpdateAddressForm";
import { UpdateCheckPanel } from "./UpdateCheckPanel";

/**
 * Where this installation looks for new versions, and checking and installing them. A copy a
 * package manager updates says so and offers nothing here.
 */
export function UpdatesSection({ info }: { info: AppInfo }) {
  const url = info.update_url;
  return (
    <Stack gap="sm" component="section" aria-labelledby="about-updates-title" data-testid="about-updates">
      <Title order={3} size="h4" id="about-updates-title">
        Updates
      </Title>
      {!info.updates_installable ? (
        <Text size="sm" data-testid="update-setting">
          {UPDATED_BY_PACKAGE_MANAGER}
        </Text>
      ) : (
        <>
          <Text size="sm" data-testid="update-setting">
            {url === null ? (
              UPDATES_OFF
            ) : (
              <>
                TenantAtlas asks <Code>{url}</Code> for new versions once after it starts, and whenever you check.
              </>
            )}
          </Text>
          {/* Keyed by the setting: a saved change starts the form and the check afresh. */}
          <UpdateAddressForm key={`form:${url ?? ""}`} url={url} />
          <UpdateCheckPanel key={`check:${url ?? ""}`} url={url} />
        </>
      )}
    </Stack>
  );
}
