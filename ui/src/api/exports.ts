import { useMutation } from "@tanstack/react-query";
import type { ExportVersionRequest } from "../bindings/types";
import { useCommands } from "../platform";
import "./register";

/** Writes one policy version as its normalised JSON to the Downloads folder; answers where. */
export function useExportPolicyVersion() {
  const commands = useCommands();
  return useMutation({
    mutationFn: (request: ExportVersionRequest) => commands.exportPolicyVersion(request),
  });
}
