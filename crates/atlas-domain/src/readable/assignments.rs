//! A policy's assignments as rows: whom each targets, with which filter and intent.

use serde_json::Value;

use super::words::array;
use super::{AssignmentRow, AssignmentTargetKind};

pub(super) fn assignment_rows(content: &Value) -> Vec<AssignmentRow> {
    array(content, "assignments").map(assignment_row).collect()
}

pub(super) fn assignment_row(assignment: &Value) -> AssignmentRow {
    let target = &assignment["target"];
    let filter_id = non_empty(&target["deviceAndAppManagementAssignmentFilterId"]);
    // Graph reports the mode "none" when there is no filter.
    let filter_mode = non_empty(&target["deviceAndAppManagementAssignmentFilterType"])
        .filter(|mode| filter_id.is_some() && mode != "none");
    AssignmentRow {
        kind: target_kind(target["@odata.type"].as_str().unwrap_or_default()),
        group_id: non_empty(&target["groupId"]),
        group_name: None,
        filter_id,
        filter_mode,
        intent: non_empty(&assignment["intent"]),
    }
}

pub(super) fn target_kind(odata_type: &str) -> AssignmentTargetKind {
    match odata_type.rsplit('.').next().unwrap_or_default() {
        "groupAssignmentTarget" => AssignmentTargetKind::Group,
        "exclusionGroupAssignmentTarget" => AssignmentTargetKind::ExcludedGroup,
        "allDevicesAssignmentTarget" => AssignmentTargetKind::AllDevices,
        "allLicensedUsersAssignmentTarget" => AssignmentTargetKind::AllUsers,
        _ => AssignmentTargetKind::Other,
    }
}

pub(super) fn non_empty(value: &Value) -> Option<String> {
    value.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}
