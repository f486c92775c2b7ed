import { describe, expect, it } from "vitest";
import { scheduleView } from "../../test/fixtures";
import {
  errorField,
  retentionWords,
  schedulesOfTenant,
  scheduleTarget,
  scheduleTitle,
  sortSchedules,
} from "./scheduleView";

describe("schedules as the page reads them", () => {
  const everyTenant = scheduleView({ id: "s-all", tenant_id: null }, { kind: "policies", tenant_name: null });
  const fabrikam = scheduleView({ id: "s-fab", tenant_id: "t-fabrikam" }, { tenant_name: "Fabrikam Logistics" });
  const contosoRoles = scheduleView({ id: "s-con-roles" }, { kind: "roles" });
  const contosoInventory = scheduleView({ id: "s-con-inv" });

  it("names what a schedule syncs with the app's words for sync kinds", () => {
    expect(scheduleTitle(contosoInventory)).toBe("Inventory sync of Contoso Pharma");
    expect(scheduleTitle(everyTenant)).toBe("Policy sync of all active tenants");
    expect(scheduleTarget(everyTenant)).toBe("All active tenants");
    expect(scheduleTarget(fabrikam)).toBe("Fabrikam Logistics");
  });

  it("names a backup schedule with the vocabulary's word and says its retention in words", () => {
    const backup = scheduleView({ id: "s-backup", operation: "backup_schedule_run" }, { kind: "backup" });
    expect(scheduleTitle(backup)).toBe("Backup of Contoso Pharma");
    expect(retentionWords({ keep_last: 7 })).toBe("Keeps the newest 7 backups");
    expect(retentionWords({ keep_last: 1 })).toBe("Keeps the newest backup");
    expect(retentionWords({ keep_last: 14, keep_days: 30 })).toBe(
      "Keeps the newest 14 backups and every backup younger than 30 days",
    );
    expect(retentionWords({ keep_last: 3, keep_days: 1 })).toBe(
      "Keeps the newest 3 backups and every backup younger than 1 day",
    );
    expect(retentionWords(null)).toBe("Keeps every backup");
  });

  it("lists schedules of every tenant first, then by tenant and kind", () => {
    expect(sortSchedules([fabrikam, contosoRoles, everyTenant, contosoInventory]).map((v) => v.schedule.id)).toEqual([
      "s-all",
      "s-con-inv",
      "s-con-roles",
      "s-fab",
    ]);
  });

  it("counts the schedules of every tenant among a tenant's own", () => {
    expect(schedulesOfTenant([fabrikam, everyTenant, contosoInventory], "t-contoso").map((v) => v.schedule.id)).toEqual(
      ["s-all", "s-con-inv"],
    );
  });

  it("puts the backend's refusal on the field it is about", () => {
    expect(
      errorField({
        code: "invalid_input",
        message: "The schedule is not usable: it would start more often than every 15 minutes.",
      }),
    ).toBe("cron");
    expect(errorField({ code: "invalid_input", message: 'The time zone is not usable: "Mars" is not …' })).toBe(
      "timeZone",
    );
    expect(
      errorField({
        code: "invalid_input",
        message: "The retention is not usable: keep at least the newest backup set",
      }),
    ).toBe("keepLast");
    expect(errorField({ code: "forbidden", message: "You may not schedule syncs." })).toBeNull();
  });
});
