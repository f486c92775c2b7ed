//! Printing results: aligned text for people, JSON (`--json`) for scripts, and the small
//! formatting helpers every command shares (numbers, durations, ages).

use std::time::Duration;

use atlas_api::{
    types::{AppInfo, CreateDemoWorkspaceResponse, Diagnostics, StorageBackend, WorkspaceSummary},
    ApiError,
};
use atlas_domain::{vocabulary::Presented, Tenant, Timestamp};
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| ApiError::new(atlas_api::ErrorCode::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Prints rows as columns padded to the widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row.clone());
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// `850 ms`, `23.4 s`, `3 min 05 s`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} min {:02} s", ms / 60_000, (ms / 1_000) % 60)
    }
}

/// How long ago a moment was, coarsely: `just now`, `5 min ago`, `3 h ago`, `2 days ago`.
pub fn ago(then: Timestamp, now: Timestamp) -> String {
    let secs = (now.unix_millis() - then.unix_millis()).max(0) / 1_000;
    match secs {
        0..=59 => "just now".into(),
        60..=3_599 => format!("{} min ago", secs / 60),
        3_600..=86_399 => format!("{} h ago", secs / 3_600),
        _ => match secs / 86_400 {
            1 => "1 day ago".into(),
            days => format!("{days} days ago"),
        },
    }
}

pub(crate) fn storage(info: &AppInfo) -> String {
    match info.backend {
        StorageBackend::Sqlite => format!("SQLite (solo) at {}", info.database_location),
        StorageBackend::Postgres => format!("PostgreSQL (team) at {}", info.database_location),
    }
}

/// What `atlas demo` did to the workspace, and its tenants; `syncing` when their syncs follow.
pub fn demo_workspace(r: &CreateDemoWorkspaceResponse, syncing: bool) -> Result<(), ApiError> {
    let ws = &r.workspace.workspace;
    if r.created {
        println!(
            "Created the demo workspace \"{}\" ({}) with {} simulated tenants:",
            ws.name,
            ws.id,
            r.tenants.len()
        );
    } else {
        println!(
            "The demo workspace \"{}\" ({}) already exists; {}",
            ws.name,
            ws.id,
            if syncing {
                "its tenants are synced again."
            } else {
                "nothing was changed."
            }
        );
    }
    println!();
    tenant_identities(&r.tenants);
    Ok(())
}

/// Where the data went.
pub fn locations(info: &AppInfo) {
    println!("Data folder: {}", info.data_dir);
    println!("Database:    {}", storage(info));
}

pub fn info(as_json: bool, info: &AppInfo) -> Result<(), ApiError> {
    if as_json {
        return json(info);
    }
    println!("{} {} (commit {})", info.product, info.version, info.commit);
    println!(
        "User:        {} ({})",
        info.user.display_name, info.user.login
    );
    println!("Data folder: {}", info.data_dir);
    println!(
        "Database:    {} (schema {})",
        storage(info),
        info.schema_version
    );
    println!(
        "Logs:        {} (the desktop app's; atlas logs to stderr)",
        info.log_dir
    );
    println!(
        "Updates:     {}",
        match &info.update_url {
            Some(url) =>
                format!("the desktop app checks {url}; atlas is updated by your package manager"),
            None => "off in the desktop app; atlas is updated by your package manager".to_owned(),
        }
    );
    Ok(())
}

pub fn diagnostics(as_json: bool, report: &Diagnostics) -> Result<(), ApiError> {
    if as_json {
        return json(report);
    }
    print!("{}", report.text);
    Ok(())
}

pub fn workspaces(as_json: bool, list: &[WorkspaceSummary]) -> Result<(), ApiError> {
    if as_json {
        return json(&list);
    }
    if list.is_empty() {
        println!("You are not a member of any workspace yet. Run `atlas demo` to create the demo workspace.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.workspace.name.clone(),
                s.role.presentation().label.to_owned(),
                s.workspace.id.to_string(),
            ]
        })
        .collect();
    table(&["NAME", "ROLE", "ID"], &rows);
    Ok(())
}

/// Tenants with where they live: name, status, primary domain, directory id.
fn tenant_identities(list: &[Tenant]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|t| {
            let name = if t.simulated {
                format!("{} (simulated)", t.display_name)
            } else {
                t.display_name.clone()
            };
            vec![
                name,
                t.status.presentation().label.to_owned(),
                t.primary_domain.clone().unwrap_or_default(),
                t.directory_tenant_id.to_string(),
            ]
        })
        .collect();
    table(
        &["TENANT", "STATUS", "PRIMARY DOMAIN", "DIRECTORY ID"],
        &rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_durations_and_ages_read_naturally() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(22_130), "22,130");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        assert_eq!(duration(Duration::from_millis(850)), "850 ms");
        assert_eq!(duration(Duration::from_millis(23_440)), "23.4 s");
        assert_eq!(duration(Duration::from_secs(185)), "3 min 05 s");
        let now = Timestamp::from_unix_millis(10_000_000_000).unwrap();
        let before = |s: i64| Timestamp::from_unix_millis(10_000_000_000 - s * 1_000).unwrap();
        assert_eq!(ago(before(5), now), "just now");
        assert_eq!(ago(before(300), now), "5 min ago");
        assert_eq!(ago(before(7_200), now), "2 h ago");
        assert_eq!(ago(before(86_400), now), "1 day ago");
        assert_eq!(ago(before(3 * 86_400), now), "3 days ago");
    }
}
