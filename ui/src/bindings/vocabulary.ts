// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

import type { Presentation } from "./types";

/** Label, tone and icon of every value of every status domain. */
export const vocabulary = {
  "assignment_target_kind": {
    "group": {
      "label": "Group",
      "tone": "info",
      "icon": "users-group"
    },
    "excluded_group": {
      "label": "Excluded group",
      "tone": "warning",
      "icon": "users-minus"
    },
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
    "other": {
      "label": "Other target",
      "tone": "neutral",
      "icon": "target"
    }
  },
  "baseline_status": {
    "draft": {
      "label": "Draft",
      "tone": "neutral",
      "icon": "pencil"
    },
    "active": {
      "label": "Active",
      "tone": "success",
      "icon": "circle-check"
    },
    "archived": {
      "label": "Archived",
      "tone": "neutral",
      "icon": "archive"
    }
  },
  "capture_mode": {
    "meta": {
      "label": "Metadata",
      "tone": "neutral",
      "icon": "list-search"
    },
    "full_content": {
      "label": "Full content",
      "tone": "info",
      "icon": "file-text"
    }
  },
  "connection_state": {
    "unverified": {
      "label": "Not verified",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "connected": {
      "label": "Connected",
      "tone": "success",
      "icon": "circle-check"
    },
    "failed": {
      "label": "Connection failed",
      "tone": "danger",
      "icon": "plug-x"
    }
  },
  "diff_change": {
    "added": {
      "label": "Added",
      "tone": "success",
      "icon": "plus"
    },
    "removed": {
      "label": "Removed",
      "tone": "danger",
      "icon": "minus"
    },
    "changed": {
      "label": "Changed",
      "tone": "warning",
      "icon": "pencil"
    },
    "unchanged": {
      "label": "Unchanged",
      "tone": "neutral",
      "icon": "equal"
    }
  },
  "evidence_coverage": {
    "full": {
      "label": "Full",
      "tone": "success",
      "icon": "circle-check"
    },
    "partial": {
      "label": "Partial",
      "tone": "warning",
      "icon": "circle-half"
    },
    "reference_only": {
      "label": "Fingerprint only",
      "tone": "info",
      "icon": "fingerprint"
    },
    "unsupported": {
      "label": "Not compared",
      "tone": "neutral",
      "icon": "circle-dashed"
    }
  },
  "finding_action": {
    "opened": {
      "label": "Opened",
      "tone": "danger",
      "icon": "alert-circle"
    },
    "evidence_changed": {
      "label": "Evidence changed",
      "tone": "warning",
      "icon": "arrows-diff"
    },
    "acknowledged": {
      "label": "Acknowledged",
      "tone": "info",
      "icon": "message-check"
    },
    "reopened": {
      "label": "Reopened",
      "tone": "danger",
      "icon": "rotate"
    },
    "resolved": {
      "label": "Resolved",
      "tone": "success",
      "icon": "circle-check"
    }
  },
  "finding_kind": {
    "missing": {
      "label": "Missing",
      "tone": "danger",
      "icon": "circle-minus"
    },
    "unexpected": {
      "label": "Unexpected",
      "tone": "warning",
      "icon": "circle-plus"
    },
    "drifted": {
      "label": "Drifted",
      "tone": "warning",
      "icon": "arrows-diff"
    }
  },
  "finding_status": {
    "open": {
      "label": "Open",
      "tone": "danger",
      "icon": "alert-circle"
    },
    "acknowledged": {
      "label": "Acknowledged",
      "tone": "info",
      "icon": "message-check"
    },
    "resolved": {
      "label": "Resolved",
      "tone": "success",
      "icon": "circle-check"
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
    "entra_group_sync": {
      "label": "Group sync",
      "tone": "neutral",
      "icon": "users-group"
    },
    "directory_role_definitions.sync": {
      "label": "Directory role sync",
      "tone": "neutral",
      "icon": "shield-lock"
    },
    "backup_schedule_run": {
      "label": "Backup",
      "tone": "neutral",
      "icon": "database-export"
    },
    "restore.execute": {
      "label": "Restore",
      "tone": "neutral",
      "icon": "restore"
    },
    "tenant.review_pack.generate": {
      "label": "Review pack generation",
      "tone": "neutral",
      "icon": "file-zip"
    },
    "tenant.review.compose": {
      "label": "Review composition",
      "tone": "neutral",
      "icon": "file-text"
    },
    "tenant.evidence.snapshot.generate": {
      "label": "Evidence snapshot",
      "tone": "neutral",
      "icon": "camera-check"
    }
  },
  "pack_status": {
    "queued": {
      "label": "Queued",
      "tone": "warning",
      "icon": "clock"
    },
    "generating": {
      "label": "Generating",
      "tone": "info",
      "icon": "hourglass"
    },
    "ready": {
      "label": "Ready",
      "tone": "success",
      "icon": "circle-check"
    },
    "failed": {
      "label": "Failed",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "expired": {
      "label": "Expired",
      "tone": "neutral",
      "icon": "archive"
    }
  },
  "proof_rule": {
    "exact_count": {
      "label": "Exact count proof",
      "tone": "success",
      "icon": "circle-check"
    },
    "run_success_count_match": {
      "label": "Run succeeded, counts match",
      "tone": "success",
      "icon": "circle-check"
    },
    "proven_empty": {
      "label": "Proven empty",
      "tone": "success",
      "icon": "circle-check"
    },
    "contradictory_evidence": {
      "label": "Contradictory or partial evidence",
      "tone": "warning",
      "icon": "alert-triangle"
    },
    "no_proof": {
      "label": "No proof: recapture before compare",
      "tone": "warning",
      "icon": "alert-triangle"
    }
  },
  "reason_code": {
    "run.stale_queued": {
      "label": "Never started",
      "tone": "warning",
      "icon": "refresh"
    },
    "run.stale_running": {
      "label": "Stopped responding",
      "tone": "warning",
      "icon": "refresh"
    },
    "run.infrastructure_timeout_or_abandonment": {
      "label": "Timed out",
      "tone": "warning",
      "icon": "refresh"
    },
    "run.queue_failure_bridge": {
      "label": "Failed unexpectedly",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "run.adapter_out_of_sync": {
      "label": "Out of sync",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "run.worker_shutdown": {
      "label": "Interrupted by shutdown",
      "tone": "warning",
      "icon": "refresh"
    },
    "run.cancelled": {
      "label": "Cancelled",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "provider.unknown_tenant": {
      "label": "Tenant not found",
      "tone": "warning",
      "icon": "plug-x"
    },
    "provider.unknown_client": {
      "label": "App registration not found",
      "tone": "warning",
      "icon": "plug-x"
    },
    "provider.bad_secret": {
      "label": "Credential refused",
      "tone": "warning",
      "icon": "plug-x"
    },
    "provider.consent_missing": {
      "label": "Admin consent missing",
      "tone": "warning",
      "icon": "plug-x"
    },
    "graph.unauthorized": {
      "label": "Sign-in refused",
      "tone": "warning",
      "icon": "refresh"
    },
    "graph.forbidden": {
      "label": "Access denied",
      "tone": "warning",
      "icon": "plug-x"
    },
    "graph.not_found": {
      "label": "Object not found",
      "tone": "warning",
      "icon": "refresh"
    },
    "graph.bad_request": {
      "label": "Request refused",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "graph.throttled": {
      "label": "Throttled by Microsoft",
      "tone": "warning",
      "icon": "refresh"
    },
    "graph.server_error": {
      "label": "Microsoft Graph error",
      "tone": "warning",
      "icon": "refresh"
    },
    "graph.malformed_response": {
      "label": "Unreadable answer",
      "tone": "warning",
      "icon": "refresh"
    },
    "graph.unreachable": {
      "label": "Microsoft unreachable",
      "tone": "warning",
      "icon": "refresh"
    },
    "tenant.missing": {
      "label": "Tenant gone",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "tenant.not_active": {
      "label": "Tenant paused or archived",
      "tone": "warning",
      "icon": "plug-x"
    },
    "tenant.not_connected": {
      "label": "No connection",
      "tone": "warning",
      "icon": "plug-x"
    },
    "tenant.credential_missing": {
      "label": "Credential missing",
      "tone": "warning",
      "icon": "plug-x"
    },
    "tenant.credential_unreadable": {
      "label": "Credential unreadable",
      "tone": "warning",
      "icon": "plug-x"
    },
    "tenant.keyring_unavailable": {
      "label": "Keyring unavailable",
      "tone": "warning",
      "icon": "plug-x"
    },
    "tenant.keyring_failed": {
      "label": "Keyring error",
      "tone": "warning",
      "icon": "refresh"
    },
    "tenant.not_in_simulated_cloud": {
      "label": "Not in the demo cloud",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "demo.cloud_unavailable": {
      "label": "Demo cloud not running",
      "tone": "warning",
      "icon": "refresh"
    },
    "baseline.snapshot.capture_failed": {
      "label": "Capture failed",
      "tone": "warning",
      "icon": "refresh"
    },
    "baseline.snapshot.completion_proof_failed": {
      "label": "Capture not proven complete",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "baseline.snapshot.imported_without_proof": {
      "label": "Imported without proof",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.no_assignment": {
      "label": "No baseline assigned",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.profile_not_active": {
      "label": "Baseline not active for compare",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.no_consumable_snapshot": {
      "label": "No complete baseline yet",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.snapshot_building": {
      "label": "Baseline still capturing",
      "tone": "warning",
      "icon": "refresh"
    },
    "baseline.compare.snapshot_incomplete": {
      "label": "Baseline incomplete",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.snapshot_superseded": {
      "label": "Baseline superseded",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "baseline.compare.invalid_snapshot": {
      "label": "Snapshot of another profile",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "baseline.snapshot.producer_ended": {
      "label": "Capture ended unfinished",
      "tone": "warning",
      "icon": "refresh"
    },
    "baseline.capture.profile_not_active": {
      "label": "Baseline not active for capture",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.capture.no_source": {
      "label": "No source tenant",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.capture.source_not_synced": {
      "label": "Source tenant not synced",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.compare.tenant_not_synced": {
      "label": "Tenant not synced",
      "tone": "warning",
      "icon": "plug-x"
    },
    "baseline.profile_missing": {
      "label": "Baseline profile gone",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "review_pack.missing": {
      "label": "Review pack gone",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "review_pack.not_queued": {
      "label": "Review pack already handled",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "review_pack.signing_key_unavailable": {
      "label": "Signing key unavailable",
      "tone": "warning",
      "icon": "plug-x"
    },
    "review_pack.write_failed": {
      "label": "Pack could not be written",
      "tone": "warning",
      "icon": "refresh"
    },
    "review_pack.verification_failed": {
      "label": "Pack failed its own check",
      "tone": "warning",
      "icon": "refresh"
    },
    "review_pack.disk_full": {
      "label": "Disk full",
      "tone": "warning",
      "icon": "plug-x"
    },
    "evidence.snapshot.producer_ended": {
      "label": "Evidence capture ended unfinished",
      "tone": "warning",
      "icon": "refresh"
    },
    "review.no_sync": {
      "label": "Nothing synced to review",
      "tone": "warning",
      "icon": "plug-x"
    },
    "review.no_evidence": {
      "label": "No evidence snapshot",
      "tone": "warning",
      "icon": "plug-x"
    },
    "review.evidence_stale": {
      "label": "Evidence too old",
      "tone": "warning",
      "icon": "plug-x"
    },
    "review.evidence_unusable": {
      "label": "Evidence not usable",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "backup.set.producer_ended": {
      "label": "Backup ended unfinished",
      "tone": "warning",
      "icon": "refresh"
    },
    "restore.preview_outdated": {
      "label": "Preview out of date",
      "tone": "warning",
      "icon": "plug-x"
    },
    "restore.source_unavailable": {
      "label": "Restore source not available",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "restore.not_ready": {
      "label": "Restore not ready",
      "tone": "neutral",
      "icon": "help-circle"
    },
    "restore.secrets_unavailable": {
      "label": "Secret values not at hand",
      "tone": "warning",
      "icon": "plug-x"
    }
  },
  "reconciliation_source": {
    "scheduled_reconciler": {
      "label": "Scheduled reconciler",
      "tone": "neutral",
      "icon": "clock-check"
    },
    "startup_reconciler": {
      "label": "Start-up reconciler",
      "tone": "neutral",
      "icon": "power"
    },
    "failed_callback": {
      "label": "Failure bridge",
      "tone": "neutral",
      "icon": "plug-x"
    },
    "adapter_reconciler": {
      "label": "Record reconciler",
      "tone": "neutral",
      "icon": "arrows-exchange"
    },
    "manual_reconciler": {
      "label": "Operator (atlas reconcile)",
      "tone": "neutral",
      "icon": "terminal-2"
    },
    "duplicate_start": {
      "label": "Started again",
      "tone": "neutral",
      "icon": "player-play"
    }
  },
  "review_section_status": {
    "no_data": {
      "label": "No data",
      "tone": "neutral",
      "icon": "circle-dashed"
    },
    "good": {
      "label": "Good",
      "tone": "success",
      "icon": "circle-check"
    },
    "attention": {
      "label": "Needs attention",
      "tone": "warning",
      "icon": "alert-triangle"
    },
    "critical": {
      "label": "Critical",
      "tone": "danger",
      "icon": "alert-circle"
    }
  },
  "role": {
    "owner": {
      "label": "Owner",
      "tone": "info",
      "icon": "crown"
    },
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
    "readonly": {
      "label": "Read-only",
      "tone": "neutral",
      "icon": "eye"
    }
  },
  "run_outcome": {
    "pending": {
      "label": "Pending",
      "tone": "neutral",
      "icon": "hourglass"
    },
    "succeeded": {
      "label": "Succeeded",
      "tone": "success",
      "icon": "circle-check"
    },
    "partially_succeeded": {
      "label": "Partially succeeded",
      "tone": "warning",
      "icon": "alert-triangle"
    },
    "blocked": {
      "label": "Blocked",
      "tone": "warning",
      "icon": "hand-stop"
    },
    "failed": {
      "label": "Failed",
      "tone": "danger",
      "icon": "circle-x"
    }
  },
  "run_status": {
    "queued": {
      "label": "Queued",
      "tone": "info",
      "icon": "clock"
    },
    "running": {
      "label": "Running",
      "tone": "info",
      "icon": "player-play"
    },
    "completed": {
      "label": "Completed",
      "tone": "neutral",
      "icon": "flag-check"
    }
  },
  "severity": {
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
    },
    "high": {
      "label": "High",
      "tone": "danger",
      "icon": "alert-triangle"
    },
    "critical": {
      "label": "Critical",
      "tone": "danger",
      "icon": "circle-x"
    }
  },
  "snapshot_standing": {
    "current": {
      "label": "Current",
      "tone": "success",
      "icon": "pin"
    },
    "superseded": {
      "label": "Superseded",
      "tone": "neutral",
      "icon": "history"
    }
  },
  "snapshot_state": {
    "building": {
      "label": "Building",
      "tone": "info",
      "icon": "hourglass"
    },
    "complete": {
      "label": "Complete",
      "tone": "success",
      "icon": "circle-check"
    },
    "incomplete": {
      "label": "Incomplete",
      "tone": "danger",
      "icon": "alert-triangle"
    }
  },
  "summary_key": {
    "total": {
      "label": "Total",
      "tone": "neutral",
      "icon": "target"
    },
    "processed": {
      "label": "Processed",
      "tone": "neutral",
      "icon": "refresh"
    },
    "succeeded": {
      "label": "Succeeded",
      "tone": "success",
      "icon": "circle-check"
    },
    "failed": {
      "label": "Failed",
      "tone": "danger",
      "icon": "circle-x"
    },
    "skipped": {
      "label": "Skipped",
      "tone": "neutral",
      "icon": "equal"
    },
    "created": {
      "label": "Created",
      "tone": "success",
      "icon": "plus"
    },
    "updated": {
      "label": "Updated",
      "tone": "info",
      "icon": "pencil"
    },
    "deleted": {
      "label": "Removed",
      "tone": "warning",
      "icon": "minus"
    },
    "items": {
      "label": "Objects",
      "tone": "neutral",
      "icon": "list-search"
    },
    "findings": {
      "label": "Findings",
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
    "paused": {
      "label": "Paused",
      "tone": "warning",
      "icon": "player-pause"
    },
    "archived": {
      "label": "Archived",
      "tone": "neutral",
      "icon": "archive"
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
    },
    "import": {
      "label": "Imported",
      "tone": "info",
      "icon": "file-import"
    }
  }
} as const satisfies Record<string, Record<string, Presentation>>;

export type VocabularyDomain = keyof typeof vocabulary;
