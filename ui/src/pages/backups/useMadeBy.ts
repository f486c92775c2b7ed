import { useMemo } from "react";
import { useAppInfo, useMembers, useSchedules } from "../../api";
import type { BackupSet, WorkspaceId } from "../../bindings/types";
import { cronInWords } from "../schedules/cronWords";

/** Who made a backup set, in a word or two, and more on hover. */
export type MadeBy = { label: string; detail: string | null };

/**
 * Who made each set: "Scheduled" (with the schedule's times on hover), "You", a member's name,
 * or "An operator" for someone this window cannot name. Names come from the workspace's members
 * and schedules as they are already read; until then the words stay general.
 */
export function useMadeBy(workspaceId: WorkspaceId): (set: BackupSet) => MadeBy {
  const me = useAppInfo().data?.user.id;
  const members = useMembers(workspaceId).data;
  const schedules = useSchedules(workspaceId).data;
  return useMemo(() => {
    const names = new Map((members ?? []).map((member) => [member.user.id, member.user.display_name]));
    const byId = new Map((schedules ?? []).map((view) => [view.schedule.id, view.schedule]));
    return (set: BackupSet): MadeBy => {
      if (set.schedule_id !== null) {
        const schedule = byId.get(set.schedule_id);
        if (schedule === undefined) return { label: "Scheduled", detail: "Started by a backup schedule" };
        const when = cronInWords(schedule.cron) ?? schedule.cron;
        return { label: "Scheduled", detail: `Started by the schedule “${when}” (${schedule.time_zone})` };
      }
      if (set.initiated_by === null) return { label: "System", detail: null };
      if (set.initiated_by === me) return { label: "You", detail: names.get(set.initiated_by) ?? null };
      return { label: names.get(set.initiated_by) ?? "An operator", detail: null };
    };
  }, [me, members, schedules]);
}
