//! `summary.html`: one self-contained page for the meeting — inline CSS and SVG charts, no
//! scripts, nothing fetched — that prints on A4 or Letter. Long tables show their first rows and
//! point to the data file holding all of them.

use atlas_domain::vocabulary::Presented;
use atlas_domain::{Severity, Timestamp};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::view::{DayCounts, PackView, TypeCount};
use crate::PackPublicKey;

/// Rows of each table on the page; the CSV files hold all of them.
const TABLE_ROWS: usize = 100;

const STYLE: &str = "
@page { size: auto; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 18pt 0 6pt; border-bottom: 1px solid #d0d7de; padding-bottom: 3pt; break-after: avoid; }
p.meta { color: #57606a; margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0; font-size: 9.5pt; }
th, td { text-align: left; padding: 3pt 6pt; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
tr { break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ul.highlights { list-style: none; padding: 0; margin: 0; }
ul.highlights li { padding: 4pt 8pt; margin: 3pt 0; border-left: 4px solid #8c959f; background: #f6f8fa; }
li.danger { border-color: #cf222e !important; } li.warning { border-color: #bf8700 !important; }
li.success { border-color: #1a7f37 !important; } li.info { border-color: #0969da !important; }
.sev { display: inline-block; padding: 0 5pt; border-radius: 3pt; color: #fff; font-size: 8.5pt; }
.more { color: #57606a; font-style: italic; }
p.note { white-space: pre-wrap; border-left: 3px solid #0969da; padding-left: 8pt; }
.key { font-family: ui-monospace, 'SF Mono', Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
svg text { font: 8pt system-ui, sans-serif; fill: #57606a; }
";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "#82071e",
        Severity::High => "#cf222e",
        Severity::Medium => "#bf8700",
        Severity::Low => "#0969da",
        Severity::Info => "#8c959f",
    }
}

fn date(at: Timestamp) -> String {
    at.as_datetime().format("%Y-%m-%d").to_string()
}

fn date_time(at: Timestamp) -> String {
    at.as_datetime().format("%Y-%m-%d %H:%M UTC").to_string()
}

fn freshness_label(part: &str) -> &str {
    match part {
        "inventory" => "Inventory sync",
        "policies" => "Policy sync",
        "directory_roles" => "Directory roles sync",
        "groups" => "Groups sync",
        "drift" => "Baseline compare",
        "rbac_report" => "RBAC hardening report",
        other => other,
    }
}

/// The page, as one string.
pub fn render(view: &PackView, fingerprint: &str, key: &PackPublicKey) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Review pack — " (view.tenant) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (view.tenant) }
                p.meta { "Review pack from " (view.workspace) " · generated " (date_time(view.generated_at)) }
                p.meta {
                    @if view.options.include_pii { "Names of people are included." }
                    @else { "Names of people are replaced by pseudonyms (Person 1, Person 2, …)." }
                    @if view.options.include_operations { " Operations of the last 30 days are included." }
                }

                h2 { "Highlights" }
                @if view.highlights.is_empty() {
                    p { "Nothing needs attention." }
                } @else {
                    ul.highlights { @for h in &view.highlights { li class=(h.tone) { (h.text) } } }
                }

                @if let Some(review) = &view.review {
                    h2 { "Review" }
                    p.meta { "Composed " (date_time(review.composed_at)) "." }
                    @if !review.note.is_empty() {
                        p.note { (review.note) }
                    }
                    table {
                        tr { th { "Area" } th { "Status" } th { "Summary" } }
                        @for section in &review.sections {
                            tr {
                                td { (section.title) }
                                td { (section.status.presentation().label) }
                                td { (section.summary) }
                            }
                        }
                    }
                    @if !review.actions.is_empty() {
                        p { strong { "Recommended actions" } }
                        ol { @for action in &review.actions { li { (action.text) } } }
                    }
                }

                h2 { "Data freshness" }
                table {
                    tr { th { "Data" } th { "Last completed" } }
                    @for (part, at) in &view.freshness {
                        tr { td { (freshness_label(part)) } td { @match at { Some(at) => (date_time(*at)), None => "Never" } } }
                    }
                }

                h2 { "Drift from the baseline" }
                p {
                    @let total: i64 = view.open_by_severity.values().sum();
                    (total) " open or acknowledged " @if total == 1 { "finding" } @else { "findings" } ": "
                    @for (i, (severity, count)) in view.open_by_severity.iter().rev().enumerate() {
                        @if i > 0 { ", " }
                        (count) " " (severity.code())
                    }
                }
                (findings_chart(&view.findings_by_day))
                @if !view.findings.is_empty() {
                    table {
                        tr { th { "Severity" } th { "Policy" } th { "Type" } th { "Drift" } th { "Status" } th { "First seen" } }
                        @for f in view.findings.iter().take(TABLE_ROWS) {
                            tr {
                                td { span.sev style={ "background:" (severity_color(f.severity)) } { (f.severity.code()) } }
                                td { (f.name) } td { (f.policy_type) } td { (f.kind) }
                                td { (f.status) @if let Some(by) = &f.acknowledged_by { " by " (by) } }
                                td { (date(f.first_seen_at)) }
                            }
                        }
                    }
                    (more(view.findings.len(), "data/findings.csv"))
                }

                h2 { "Privileged access" }
                @match &view.rbac {
                    Some(rbac) => {
                        p {
                            (rbac.global_administrators) " Global Administrators, " (rbac.assignments)
                            " role assignments over " (rbac.role_definitions) " role definitions (report of "
                            (date_time(rbac.produced_at)) ")."
                        }
                        @if !rbac.findings.is_empty() {
                            table {
                                tr { th { "Severity" } th { "Finding" } th { "Detail" } }
                                @for f in &rbac.findings {
                                    tr {
                                        td { span.sev style={ "background:" (severity_color(f.severity)) } { (f.severity.code()) } }
                                        td { (f.title) } td { (f.detail) }
                                    }
                                }
                            }
                        }
                    }
                    None => { p { "No RBAC hardening report exists yet: sync the directory roles to produce one." } }
                }
                @if view.role_holders.is_empty() {
                    p { "No directory role assignments have been synced." }
                } @else {
                    table {
                        tr { th { "Role" } th { "Holder" } th { "Kind" } th { "Scope" } }
                        @for h in view.role_holders.iter().take(TABLE_ROWS) {
                            tr { td { (h.role) } td { (h.principal) } td { (h.principal_type) } td { (h.scope) } }
                        }
                    }
                    (more(view.role_holders.len(), "data/privileged_access.csv"))
                }

                h2 { "Configuration inventory" }
                @if view.inventory_by_type.is_empty() {
                    p { "No inventory has been synced." }
                } @else {
                    p { (view.inventory.len()) " objects of " (view.inventory_by_type.len()) " types." }
                    (inventory_chart(&view.inventory_by_type))
                }

                @if let Some(operations) = &view.operations {
                    h2 { "Operations, last 30 days" }
                    @if operations.is_empty() {
                        p { "No operations ran in the last 30 days." }
                    } @else {
                        table {
                            tr { th { "Started" } th { "Operation" } th { "Outcome" } th { "By" } th { "Reason" } }
                            @for o in operations.iter().take(TABLE_ROWS) {
                                tr {
                                    td { (date_time(o.created_at)) } td { (o.operation) }
                                    td { (o.outcome) } td { (o.started_by) }
                                    td { (o.reason.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                        (more(operations.len(), "data/operations.csv"))
                    }
                }

                h2 { "Checking this pack" }
                p {
                    "Every file of this pack is listed with its SHA-256 in manifest.json and SHA256SUMS; "
                    "the manifest is signed with Ed25519 (manifest.json.sig, public key in signing-key.pem). "
                    "Compare the key's fingerprint with the one your MSP gave you:"
                }
                p.key { (key.fingerprint()) }
                p.meta { "The public key:" }
                pre.key { (key.to_pem()) }
                p.meta { "Pack fingerprint: " span.key { (fingerprint) } }
            }
        }
    };
    markup.into_string()
}

fn more(total: usize, file: &str) -> Markup {
    html! {
        @if total > TABLE_ROWS {
            p.more { "The first " (TABLE_ROWS) " of " (total) " are shown; all of them are in " (file) "." }
        }
    }
}

/// Open findings per day, stacked by severity (most severe on top).
fn findings_chart(days: &[DayCounts]) -> Markup {
    let (width, height, left, bottom) = (640.0, 150.0, 34.0, 18.0);
    let max = days
        .iter()
        .map(|d| d.open.values().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (width - left) / days.len().max(1) as f64;
    let scale = (height - bottom - 6.0) / max;
    html! {
        svg width="100%" viewBox={ "0 0 " (width) " " (height) } role="img" aria-label="Open findings per day by severity" {
            line x1=(left) y1=(height - bottom) x2=(width) y2=(height - bottom) stroke="#d0d7de" {}
            text x="0" y="12" { (max as i64) }
            text x="0" y=(height - bottom) { "0" }
            @for (i, day) in days.iter().enumerate() {
                @let x = left + i as f64 * slot + 1.0;
                @let mut y = height - bottom;
                @for severity in Severity::ALL {
                    @let count = day.open.get(severity).copied().unwrap_or(0);
                    @if count > 0 {
                        @let h = count as f64 * scale;
                        @let top = { y -= h; y };
                        rect x=(format!("{x:.1}")) y=(format!("{top:.1}")) width=(format!("{:.1}", slot - 2.0)) height=(format!("{h:.1}")) fill=(severity_color(*severity)) {}
                    }
                }
                @if i % 7 == 0 || i + 1 == days.len() {
                    text x=(format!("{x:.1}")) y=(height - 4.0) { (day.day.as_datetime().format("%m-%d")) }
                }
            }
        }
    }
}

/// Objects per type, as horizontal bars.
fn inventory_chart(types: &[TypeCount]) -> Markup {
    let row = 16.0;
    let (label_width, bar_width) = (210.0, 380.0);
    let max = types.iter().map(|t| t.count).max().unwrap_or(1).max(1) as f64;
    let height = row * types.len() as f64 + 4.0;
    html! {
        svg width="100%" viewBox={ "0 0 " (label_width + bar_width + 50.0) " " (height) } role="img" aria-label="Objects per type" {
            @for (i, t) in types.iter().enumerate() {
                @let y = i as f64 * row + 2.0;
                text x="0" y=(format!("{:.1}", y + 11.0)) { (t.label) }
                rect x=(label_width) y=(format!("{y:.1}")) width=(format!("{:.1}", t.count as f64 / max * bar_width)) height=(row - 4.0) fill="#0969da" {}
                text x=(format!("{:.1}", label_width + t.count as f64 / max * bar_width + 4.0)) y=(format!("{:.1}", y + 11.0)) { (t.count) }
            }
        }
    }
}
