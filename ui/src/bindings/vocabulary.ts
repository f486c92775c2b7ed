// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

import type { Presentation } from "./types";

/** Label, tone and icon of every value of every status domain. */
export const vocabulary = {
  "assignment_target_kind": {
    "all_devices": {
      "label": "All devices",
      "tone": "info",
      "icon": "devices"
    },
    "all_users": {
      "label": "All users",
      "tone": "info",
      "icon": "users"
    },
    "excluded_group": {
      "label": "Excluded group",
      "tone": "warning",
      "icon": "users-minus"
    },
    "group": {
      "label": "Group",
      "tone": "info",
      "icon": "users-group"
    },
    "other": {
      "label": "Other target",
      "tone": "neutral",
      "icon": "target"
    }
  },
  "connection_state": {
    "connected": {
      "label": "Connected",
      "tone": "success",
      "icon": "circle-check"
    },
    "failed": {
      "label": "Connection failed",
      "tone": "danger",
      "icon": "plug-x"
    },
    "unverified": {
      "label": "Not verified",
      "tone": "neutral",
      "icon": "help-circle"
    }
  },
  "diff_change": {
    "added": {
      "label": "Added",
      "tone": "success",
      "icon": "plus"
    },
    "changed": {
      "label": "Changed",
      "tone": "warning",
      "icon": "pencil"
    },
    "removed": {
      "label": "Removed",
      "tone": "danger",
      "icon": "minus"
    },
    "unchanged": {
      "label": "Unchanged",
      "tone": "neutral",
      "icon": "equal"
    }
  },
  "freshness": {
    "fresh_active": {
      "label": "Active",
      "tone": "info",
      "icon": "activity"
    },
    "likely_stale": {
      "label": "Likely stale",
      "tone": "warning",
      "icon": "alert-triangle"
    },
    "reconciled_failed": {
      "label": "Reconciled failed",
      "tone": "danger",
      "icon": "circle-x"
    },
    "terminal_normal": {
      "label": "Ended normally",
      "tone": "neutral",
      "icon": "flag-check"
    },
    "unknown": {
      "label": "Unknown",
      "tone": "neutral",
      "icon": "help-circle"
    }
  },
  "operation_type": {
    "backup_schedule_run": {
      "label": "Scheduled backup",
      "tone": "neutral",
      "icon": "database-export"
    },
    "baseline_capture": {
      "label": "Baseline capture",
      "tone": "neutral",
      "icon": "camera"
    },
    "baseline_compare": {
      "label": "Baseline compare",
      "tone": "neutral",
      "icon": "git-compare"
    },
    "directory_role_definitions.sync": {
      "label": "Directory role sync",
      "tone": "neutral",
      "icon": "shield-lock"
    },
    "entra_group_sync": {
      "label": "Group sync",
      "tone": "neutral",
      "icon": "users-group"
    },
    "inventory_sync": {
      "label": "Inventory sync",
      "tone": "neutral",
      "icon": "list-search"
    },
    "policy.sync": {
      "label": "Policy sync",
      "tone": "neutral",
      "icon": "refresh"
    },
    "policy.sync_one": {
      "label": "Single policy sync",
      "tone": "neutral",
      "icon": "refresh-dot"
    },
    "restore.execute": {
      "label": "Restore",
      "tone": "neutral",
      "icon": "restore"
    },
    "tenant.evidence.snapshot.generate": {
      "label": "Evidence snapshot",
      "tone": "neutral",
      "icon": "camera-check"
    },
    "tenant.review.compose": {
      "label": "Review composition",
      "tone": "neutral",
      "icon": "file-text"
    },
    "tenant.review_pack.generate": {
      "label": "Review pack generation",
      "tone": "neutral",
      "icon": "file-zip"
    }
  },
  "reconciliation_source": {
    "adapter_reconciler": {
      "label": "Record reconciler",
      "tone": "neutral",
      "icon": "arrows-exchange"
    },
    "failed_callback": {
      "label": "Failure bridge",
      "tone": "neutral",
      "icon": "plug-x"
    },
    "manual_reconciler": {
      "label": "Operator (atlas reconcile)",
      "tone": "neutral",
      "icon": "terminal-2"
    },
    "scheduled_reconciler": {
      "label": "Scheduled reconciler",
      "tone": "neutral",
      "icon": "clock-check"
    },
    "startup_reconciler": {
      "label": "Start-up reconciler",
      "tone": "neutral",
      "icon": "power"
    }
  },
  "role": {
    "manager": {
      "label": "Manager",
      "tone": "info",
      "icon": "user-shield"
    },
    "operator": {
      "label": "Operator",
      "tone": "neutral",
      "icon": "user-cog"
    },
    "owner": {
      "label": "Owner",
      "tone": "info",
      "icon": "crown"
    },
    "readonly": {
      "label": "Read-only",
      "tone": "neutral",
      "icon": "eye"
    }
  },
  "run_outcome": {
    "blocked": {
      "label": "Blocked",
      "tone": "warning",
      "icon": "hand-stop"
    },
    "failed": {
      "label": "Failed",
      "tone": "danger",
      "icon": "circle-x"
    },
    "partially_succeeded": {
      "label": "Partially succeeded",
      "tone": "warning",
      "icon": "alert-triangle"
    },
    "pending": {
      "label": "Pending",
      "tone": "neutral",
      "icon": "hourglass"
    },
    "succeeded": {
      "label": "Succeeded",
      "tone": "success",
      "icon": "circle-check"
    }
  },
  "run_status": {
    "completed": {
      "label": "Completed",
      "tone": "neutral",
      "icon": "flag-check"
    },
    "queued": {
      "label": "Queued",
      "tone": "info",
      "icon": "clock"
    },
    "running": {
      "label": "Running",
      "tone": "info",
      "icon": "player-play"
    }
  },
  "severity": {
    "critical": {
      "label": "Critical",
      "tone": "danger",
      "icon": "circle-x"
    },
    "high": {
      "label": "High",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "info": {
      "label": "Info",
      "tone": "neutral",
      "icon": "eye"
    },
    "low": {
      "label": "Low",
      "tone": "info",
      "icon": "alert-triangle"
    },
    "medium": {
      "label": "Medium",
      "tone": "warning",
      "icon": "alert-triangle"
    }
  },
  "tenant_status": {
    "active": {
      "label": "Active",
      "tone": "success",
      "icon": "circle-check"
    },
    "archived": {
      "label": "Archived",
      "tone": "neutral",
      "icon": "archive"
    },
    "paused": {
      "label": "Paused",
      "tone": "warning",
      "icon": "player-pause"
    }
  },
  "version_purpose": {
    "backup": {
      "label": "Backup",
      "tone": "neutral",
      "icon": "database-export"
    },
    "baseline_evidence": {
      "label": "Baseline evidence",
      "tone": "neutral",
      "icon": "camera"
    },
    "restore_preimage": {
      "label": "Before restore",
      "tone": "neutral",
      "icon": "restore"
    }
  }
} as const satisfies Record<string, Record<string, Presentation>>;

export type VocabularyDomain = keyof typeof vocabulary;
