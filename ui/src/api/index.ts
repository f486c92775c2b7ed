export { useCreateDemoWorkspace } from "./mutations";
export { useAppInfo, useTenant, useTenants, useWorkspaces } from "./queries";
export { createQueryClient } from "./queryClient";
export { queryKeys } from "./queryKeys";
