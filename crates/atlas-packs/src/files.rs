//! The files of a pack, each streamed into the writer from the one view: the summary page,
//! machine-readable JSON, CSV for the tables a customer opens in a spreadsheet, and a README
//! saying how to check the pack with standard tools. The largest file (the findings as JSON,
//! over half the bytes) is produced and compressed on threads of its own while the others are.

use std::io::{self, Write};

use serde::Serialize;

use crate::archive::PackWriter;
use crate::summary;
use crate::view::PackView;
use crate::{PackError, PackPublicKey};

/// Writes every file of the pack into `writer`; returns how many.
pub fn write_all(
    writer: &mut PackWriter,
    view: &PackView,
    fingerprint: &str,
    key: &PackPublicKey,
) -> Result<usize, PackError> {
    let mut part = writer.part()?;
    std::thread::scope(|scope| {
        let findings = std::thread::Builder::new()
            .name("pack-part".into())
            .spawn_scoped(scope, move || {
                part.add("data/findings.json", |w| json(w, &view.findings))?;
                part.finish()
            })
            .map_err(PackError::Write)?;
        let files = write_rest(writer, view, fingerprint, key);
        let part = findings
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let files = files?;
        writer.merge(part?)?;
        Ok(files + 1)
    })
}

/// Every file but the findings' JSON.
fn write_rest(
    writer: &mut PackWriter,
    view: &PackView,
    fingerprint: &str,
    key: &PackPublicKey,
) -> Result<usize, PackError> {
    let mut files = 0;
    let mut add = |name: &str, produce: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
        files += 1;
        writer.add(name, |w| produce(w))
    };
    add("README.txt", &mut |w| {
        w.write_all(readme(view, key).as_bytes())
    })?;
    let page = summary::render(view, fingerprint, key);
    add("summary.html", &mut |w| w.write_all(page.as_bytes()))?;
    add("data/highlights.json", &mut |w| json(w, &view.highlights))?;
    add("data/inventory.json", &mut |w| json(w, &view.inventory))?;
    add("data/inventory.csv", &mut |w| {
        csv(
            w,
            &[
                "type",
                "type_label",
                "name",
                "platform",
                "id",
                "last_seen_at",
            ],
            |out| {
                for r in &view.inventory {
                    out.write_record([
                        r.object_type.as_str(),
                        &r.type_label,
                        &r.name,
                        r.platform.as_deref().unwrap_or(""),
                        &r.id,
                        &r.last_seen_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                    ])?;
                }
                Ok(())
            },
        )
    })?;
    add("data/inventory_by_type.json", &mut |w| {
        json(w, &view.inventory_by_type)
    })?;
    add("data/findings.csv", &mut |w| {
        csv(
            w,
            &[
                "severity",
                "kind",
                "status",
                "policy_type",
                "name",
                "first_seen_at",
                "last_seen_at",
                "acknowledged_by",
                "acknowledged_at",
            ],
            |out| {
                for f in &view.findings {
                    out.write_record([
                        f.severity.code(),
                        f.kind,
                        f.status,
                        &f.policy_type,
                        &f.name,
                        &f.first_seen_at.to_rfc3339(),
                        &f.last_seen_at.to_rfc3339(),
                        f.acknowledged_by.as_deref().unwrap_or(""),
                        &f.acknowledged_at
                            .map(|t| t.to_rfc3339())
                            .unwrap_or_default(),
                    ])?;
                }
                Ok(())
            },
        )
    })?;
    add("data/findings_by_day.json", &mut |w| {
        json(w, &view.findings_by_day)
    })?;
    add("data/privileged_access.json", &mut |w| {
        json(
            w,
            &serde_json::json!({ "role_holders": &view.role_holders, "rbac_hardening": &view.rbac }),
        )
    })?;
    add("data/privileged_access.csv", &mut |w| {
        csv(w, &["role", "holder", "kind", "scope"], |out| {
            for h in &view.role_holders {
                out.write_record([&h.role, &h.principal, &h.principal_type, &h.scope])?;
            }
            Ok(())
        })
    })?;
    if let Some(review) = &view.review {
        add("review/review.json", &mut |w| json(w, review))?;
    }
    if let Some(operations) = &view.operations {
        add("data/operations.json", &mut |w| json(w, operations))?;
        add("data/operations.csv", &mut |w| {
            csv(
                w,
                &[
                    "id",
                    "operation",
                    "status",
                    "outcome",
                    "started_by",
                    "created_at",
                    "completed_at",
                    "reason",
                ],
                |out| {
                    for o in operations {
                        out.write_record([
                            o.id.as_str(),
                            &o.operation,
                            &o.status,
                            &o.outcome,
                            &o.started_by,
                            &o.created_at.to_rfc3339(),
                            &o.completed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                            o.reason.as_deref().unwrap_or(""),
                        ])?;
                    }
                    Ok(())
                },
            )
        })?;
    }
    Ok(files)
}

/// Compact JSON (the CSV files are the ones people read): a third of the bytes to write,
/// compress and hash that pretty printing would add.
fn json(w: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, w);
    serde_json::to_writer(&mut buffered, value)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

fn csv(
    w: &mut dyn Write,
    header: &[&str],
    rows: impl FnOnce(&mut ::csv::Writer<&mut dyn Write>) -> Result<(), ::csv::Error>,
) -> io::Result<()> {
    let mut out = ::csv::Writer::from_writer(w);
    out.write_record(header).map_err(io::Error::other)?;
    rows(&mut out).map_err(io::Error::other)?;
    out.flush()
}

fn readme(view: &PackView, key: &PackPublicKey) -> String {
    format!(
        "Review pack for {tenant}, from {workspace}, generated {at}.\n\
         \n\
         Open summary.html in any browser (it needs no network). The data folder holds the same\n\
         facts as JSON, and as CSV for spreadsheets.\n\
         \n\
         To check that nothing was changed since it was made:\n\
         \x20 sha256sum --check SHA256SUMS\n\
         \x20 openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin \\\n\
         \x20   -in manifest.json -sigfile manifest.json.sig\n\
         or `atlas pack verify <this file>.zip --public-key <key>` with TenantAtlas.\n\
         The signing key's fingerprint (SHA-256 of the key) must be the one your MSP gave you:\n\
         \x20 {key_fingerprint}\n",
        tenant = view.tenant,
        workspace = view.workspace,
        at = view.generated_at.to_rfc3339(),
        key_fingerprint = key.fingerprint(),
    )
}
