import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateScheduleRequest, ScheduleView, UpdateScheduleRequest, WorkspaceId } from "../bindings/types";
import { useCommands } from "../platform";
import { usePollGate } from "./pollGate";
import { queryKeys } from "./queryKeys";
import { pollInterval } from "./runPolling";
import "./register";

/**
 * The workspace's scheduled syncs the operator may see, with their next starts. Polled slowly
 * (paused while the window is hidden or a modal is open): a schedule that fires moves its next
 * start and its last run without anything in this window changing it.
 */
export function useSchedules(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.schedules(workspaceId),
    queryFn: () => commands.listSchedules({ workspace_id: workspaceId }),
    refetchInterval: (query) =>
      pollInterval({ now: Date.now(), activeSince: null, ...gate, failed: query.state.status === "error" }),
  });
}

/** The list with `view` in place of the schedule of the same id, or added when it is new. */
export function withSchedule(list: readonly ScheduleView[], view: ScheduleView): ScheduleView[] {
  const found = list.some((entry) => entry.schedule.id === view.schedule.id);
  return found ? list.map((entry) => (entry.schedule.id === view.schedule.id ? view : entry)) : [...list, view];
}

/** A change is shown at once from the answer; the list and the audit log are read again behind it. */
async function refreshSchedules(queryClient: QueryClient, workspaceId: WorkspaceId) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.schedules(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  ]);
}

function storeSchedule(queryClient: QueryClient, view: ScheduleView) {
  queryClient.setQueryData<ScheduleView[]>(queryKeys.schedules(view.schedule.workspace_id), (list) =>
    withSchedule(list ?? [], view),
  );
  return refreshSchedules(queryClient, view.schedule.workspace_id);
}

export function useCreateSchedule() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateScheduleRequest) => commands.createSchedule(request),
    onSuccess: (view) => storeSchedule(queryClient, view),
  });
}

/** Changes a schedule's times, or pauses or resumes it. */
export function useUpdateSchedule() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateScheduleRequest) => commands.updateSchedule(request),
    onSuccess: (view) => storeSchedule(queryClient, view),
  });
}

/** Removes a schedule of `workspaceId`; the answer is the workspace's schedules left. */
export function useDeleteSchedule(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scheduleId: string) => commands.deleteSchedule({ schedule_id: scheduleId }),
    onSuccess: (remaining) => {
      queryClient.setQueryData(queryKeys.schedules(workspaceId), remaining);
      return refreshSchedules(queryClient, workspaceId);
    },
  });
}
