//! Printing results: aligned text for people, JSON (`--json`) for scripts.

use atlas_api::{
    types::{AppInfo, CreateDemoWorkspaceResponse, StorageBackend, WorkspaceSummary},
    ApiError,
};
use atlas_domain::{vocabulary::Presented, Tenant};
use serde::Serialize;

fn json<T: Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| ApiError::new(atlas_api::ErrorCode::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Prints rows as columns padded to the widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) {
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

fn storage(info: &AppInfo) -> String {
    match info.backend {
        StorageBackend::Sqlite => format!("SQLite (solo) at {}", info.database_location),
        StorageBackend::Postgres => format!("PostgreSQL (team) at {}", info.database_location),
    }
}

pub fn demo(
    as_json: bool,
    r: &CreateDemoWorkspaceResponse,
    info: &AppInfo,
) -> Result<(), ApiError> {
    if as_json {
        return json(r);
    }
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
            "The demo workspace \"{}\" ({}) already exists; nothing was changed.",
            ws.name, ws.id
        );
    }
    println!();
    tenants(false, &r.tenants)?;
    println!();
    println!("Data folder: {}", info.data_dir);
    println!("Database:    {}", storage(info));
    Ok(())
}

pub fn info(as_json: bool, info: &AppInfo) -> Result<(), ApiError> {
    if as_json {
        return json(info);
    }
    println!("{} {}", info.product, info.version);
    println!(
        "User:        {} ({})",
        info.user.display_name, info.user.login
    );
    println!("Data folder: {}", info.data_dir);
    println!("Database:    {}", storage(info));
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

pub fn tenants(as_json: bool, list: &[Tenant]) -> Result<(), ApiError> {
    if as_json {
        return json(&list);
    }
    if list.is_empty() {
        println!("No tenants you can see in this workspace.");
        return Ok(());
    }
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
    Ok(())
}
