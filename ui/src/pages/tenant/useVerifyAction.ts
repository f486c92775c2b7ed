import { notifications } from "@mantine/notifications";
import { useIsMutating } from "@tanstack/react-query";
import { useVerifyConnection, verifyMutationKey } from "../../api";
import type { TenantId } from "../../bindings/types";

/**
 * Verify connection for one tenant, as every Verify button of the page offers it: the result in
 * a toast in its colour (the tenant and its permission report update with it), and busy while
 * any check of this tenant is under way, whichever button started it.
 */
export function useVerifyAction(tenantId: TenantId) {
  const verify = useVerifyConnection(tenantId);
  const checking = useIsMutating({ mutationKey: verifyMutationKey(tenantId) }) > 0;
  const start = () =>
    verify.mutate(undefined, {
      onSuccess: (response) =>
        notifications.show({
          color: response.reachable ? "green" : "red",
          title: response.reachable ? "Connection verified" : "Connection failed",
          message: response.message,
          autoClose: response.reachable ? 6_000 : 15_000,
        }),
      onError: (error) =>
        notifications.show({ color: "red", title: "The connection was not checked", message: error.message }),
    });
  return { start, checking };
}
