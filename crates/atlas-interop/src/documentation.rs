//! A tenant's configuration as a document for people: Markdown, one self-contained HTML page
//! (contents, a section per type and policy, no scripts, no network), CSV (one row per
//! setting) or Word (headings per type and policy, tables of settings). Settings are the readable rows the app shows (portal-like names, values in words),
//! assignments name their groups; secret values were never stored, so none can appear.
//! Markdown, HTML and CSV are written as they go; a Word file is a ZIP of XML parts that its
//! writer assembles in memory before packing.

use std::io::{self, Seek, Write};

use atlas_domain::{
    readable::{AssignmentRow, AssignmentTargetKind, ReadableConfig, Target},
    Timestamp,
};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// What the document describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSource {
    pub tenant_name: String,
    pub directory_tenant_id: String,
    /// Completes "Configuration from …": "the latest versions", "the backup set of …".
    pub description: String,
    /// Product and version, named at the end.
    pub generated_by: String,
}

/// One policy or object, readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocObject {
    pub object_type: String,
    pub type_label: String,
    pub display_name: String,
    pub version_number: i32,
    pub captured_at: Timestamp,
    pub config: ReadableConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Markdown,
    Html,
    Csv,
    Docx,
}

/// Writes the document of `objects` (any order: they are grouped by type and sorted by name).
pub fn write(
    format: DocFormat,
    source: &DocSource,
    objects: &[DocObject],
    out: &mut (impl Write + Seek),
) -> io::Result<()> {
    let sections = by_type(objects);
    match format {
        DocFormat::Markdown => markdown(source, &sections, out),
        DocFormat::Html => html_page(source, &sections, out),
        DocFormat::Csv => csv_rows(&sections, out),
        DocFormat::Docx => word(source, &sections, out),
    }
}

/// Objects of one type, by name.
struct Section<'a> {
    object_type: &'a str,
    label: &'a str,
    objects: Vec<&'a DocObject>,
}

fn by_type(objects: &[DocObject]) -> Vec<Section<'_>> {
    let mut sorted: Vec<&DocObject> = objects.iter().collect();
    sorted.sort_by(|a, b| {
        (a.type_label.to_lowercase(), a.display_name.to_lowercase())
            .cmp(&(b.type_label.to_lowercase(), b.display_name.to_lowercase()))
    });
    let mut sections: Vec<Section> = Vec::new();
    for object in sorted {
        match sections.last_mut() {
            Some(section) if section.object_type == object.object_type => {
                section.objects.push(object)
            }
            _ => sections.push(Section {
                object_type: &object.object_type,
                label: &object.type_label,
                objects: vec![object],
            }),
        }
    }
    sections
}

fn captured(object: &DocObject) -> String {
    object
        .captured_at
        .as_datetime()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

fn assignment_target(a: &AssignmentRow) -> String {
    let group = || {
        a.group_name
            .clone()
            .or_else(|| a.group_id.clone())
            .unwrap_or_default()
    };
    match a.kind {
        AssignmentTargetKind::Group => format!("Group {}", group()),
        AssignmentTargetKind::ExcludedGroup => format!("Excluded group {}", group()),
        AssignmentTargetKind::AllDevices => "All devices".to_owned(),
        AssignmentTargetKind::AllUsers => "All users".to_owned(),
        AssignmentTargetKind::Other => "Other target".to_owned(),
    }
}

fn assignment_details(a: &AssignmentRow) -> String {
    let mut parts = Vec::new();
    if let Some(intent) = &a.intent {
        parts.push(format!("intent: {intent}"));
    }
    if let Some(filter) = &a.filter_id {
        let mode = a.filter_mode.as_deref().unwrap_or("include");
        parts.push(format!("filter ({mode}): {filter}"));
    }
    parts.join("; ")
}

fn targets(list: &[Target]) -> String {
    list.iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// --- Markdown --------------------------------------------------------------------------------

/// A table cell: pipes escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

fn markdown(source: &DocSource, sections: &[Section], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {} — configuration\n", cell(&source.tenant_name))?;
    writeln!(
        out,
        "Configuration from {}. Directory (tenant) id: `{}`.\n",
        source.description, source.directory_tenant_id
    )?;
    writeln!(out, "## Contents\n")?;
    for section in sections {
        writeln!(
            out,
            "- [{}](#type-{}) ({})",
            cell(section.label),
            section.object_type,
            section.objects.len()
        )?;
    }
    for section in sections {
        writeln!(
            out,
            "\n<a id=\"type-{}\"></a>\n\n## {}\n",
            section.object_type,
            cell(section.label)
        )?;
        for object in &section.objects {
            writeln!(out, "### {}\n", cell(&object.display_name))?;
            writeln!(
                out,
                "Version {}, captured {}.\n",
                object.version_number,
                captured(object)
            )?;
            let config = &object.config;
            if !config.assignments.is_empty() {
                writeln!(out, "**Assignments**\n\n| Target | Details |\n|---|---|")?;
                for a in &config.assignments {
                    writeln!(
                        out,
                        "| {} | {} |",
                        cell(&assignment_target(a)),
                        cell(&assignment_details(a))
                    )?;
                }
                writeln!(out)?;
            }
            if !config.targeting.is_empty() {
                writeln!(
                    out,
                    "**Applies to**\n\n| | Includes | Excludes |\n|---|---|---|"
                )?;
                for row in &config.targeting {
                    writeln!(
                        out,
                        "| {} | {} | {} |",
                        cell(&row.dimension),
                        cell(&targets(&row.include)),
                        cell(&targets(&row.exclude))
                    )?;
                }
                writeln!(out)?;
            }
            if config.settings.is_empty() {
                writeln!(out, "No settings configured.\n")?;
            } else {
                writeln!(out, "| Section | Setting | Value |\n|---|---|---|")?;
                for s in &config.settings {
                    writeln!(
                        out,
                        "| {} | {} | {} |",
                        cell(&s.group),
                        cell(&s.name),
                        cell(&s.value)
                    )?;
                }
                writeln!(out)?;
            }
        }
    }
    writeln!(out, "---\n\nGenerated by {}.", source.generated_by)
}

// --- HTML ------------------------------------------------------------------------------------

const STYLE: &str = "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1f24;\
max-width:1100px;margin:2rem auto;padding:0 1.5rem}h1{font-size:1.7rem}h2{margin-top:2.5rem;\
border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h3{margin:1.8rem 0 .3rem}.meta{color:#57606a}\
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem}th,td{border:1px solid #d0d7de;\
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}td.v{word-break:break-word}\
nav ul{columns:2}@media print{body{margin:0;max-width:none}h2{break-before:page}h3,tr{break-inside:avoid}}";

fn html_page(source: &DocSource, sections: &[Section], out: &mut impl Write) -> io::Result<()> {
    let head: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (source.tenant_name) " — configuration" }
                style { (PreEscaped(STYLE)) }
            }
        }
    };
    // The page is streamed section by section; the closing tags come at the end.
    let opening = head.into_string();
    let opening = opening
        .strip_suffix("</html>")
        .unwrap_or(&opening)
        .to_owned();
    out.write_all(opening.as_bytes())?;
    let intro = html! {
        h1 { (source.tenant_name) " — configuration" }
        p.meta {
            "Configuration from " (source.description) ". Directory (tenant) id: "
            code { (source.directory_tenant_id) } "."
        }
        nav {
            h2 { "Contents" }
            ul {
                @for section in sections {
                    li { a href={ "#type-" (section.object_type) } { (section.label) } " (" (section.objects.len()) ")" }
                }
            }
        }
    };
    write!(out, "<body>{}", intro.into_string())?;
    for section in sections {
        out.write_all(html_section(section).into_string().as_bytes())?;
    }
    let end = html! { p.meta { "Generated by " (source.generated_by) "." } };
    writeln!(out, "{}</body></html>", end.into_string())
}

fn html_section(section: &Section) -> Markup {
    html! {
        section id={ "type-" (section.object_type) } {
            h2 { (section.label) }
            @for object in &section.objects {
                h3 { (object.display_name) }
                p.meta { "Version " (object.version_number) ", captured " (captured(object)) "." }
                @let config = &object.config;
                @if !config.assignments.is_empty() {
                    table {
                        thead { tr { th { "Assignment" } th { "Details" } } }
                        tbody {
                            @for a in &config.assignments {
                                tr { td { (assignment_target(a)) } td { (assignment_details(a)) } }
                            }
                        }
                    }
                }
                @if !config.targeting.is_empty() {
                    table {
                        thead { tr { th { "Applies to" } th { "Includes" } th { "Excludes" } } }
                        tbody {
                            @for row in &config.targeting {
                                tr { td { (row.dimension) } td { (targets(&row.include)) } td { (targets(&row.exclude)) } }
                            }
                        }
                    }
                }
                @if config.settings.is_empty() {
                    p.meta { "No settings configured." }
                } @else {
                    table {
                        thead { tr { th { "Section" } th { "Setting" } th { "Value" } } }
                        tbody {
                            @for s in &config.settings {
                                tr { td { (s.group) } td { (s.name) } td.v { (s.value) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

// --- Word ------------------------------------------------------------------------------------

fn word(source: &DocSource, sections: &[Section], out: &mut (impl Write + Seek)) -> io::Result<()> {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

    let text = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let heading = |t: &str, style: &str| text(t).style(style);
    let header_cell = |t: &str| {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t).bold()))
    };
    let table = |titles: &[&str], rows: Vec<Vec<String>>| {
        let mut all = vec![TableRow::new(
            titles.iter().map(|t| header_cell(t)).collect(),
        )];
        all.extend(rows.into_iter().map(|row| {
            TableRow::new(
                row.iter()
                    .map(|c| TableCell::new().add_paragraph(text(c)))
                    .collect(),
            )
        }));
        Table::new(all)
    };
    let mut doc = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(28)
                .bold(),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("Heading 3")
                .size(24)
                .bold(),
        )
        .add_paragraph(heading(
            &format!("{} — configuration", source.tenant_name),
            "Heading1",
        ))
        .add_paragraph(text(&format!(
            "Configuration from {}. Directory (tenant) id: {}.",
            source.description, source.directory_tenant_id
        )));
    for section in sections {
        doc = doc.add_paragraph(heading(
            &format!("{} ({})", section.label, section.objects.len()),
            "Heading2",
        ));
        for object in &section.objects {
            let config = &object.config;
            doc = doc
                .add_paragraph(heading(&object.display_name, "Heading3"))
                .add_paragraph(text(&format!(
                    "Version {}, captured {}.",
                    object.version_number,
                    captured(object)
                )));
            if !config.assignments.is_empty() {
                let rows = config
                    .assignments
                    .iter()
                    .map(|a| vec![assignment_target(a), assignment_details(a)])
                    .collect();
                doc = doc.add_table(table(&["Assignment", "Details"], rows));
            }
            if !config.targeting.is_empty() {
                let rows = config
                    .targeting
                    .iter()
                    .map(|r| {
                        vec![
                            r.dimension.clone(),
                            targets(&r.include),
                            targets(&r.exclude),
                        ]
                    })
                    .collect();
                doc = doc.add_table(table(&["Applies to", "Includes", "Excludes"], rows));
            }
            doc = match config.settings.is_empty() {
                true => doc.add_paragraph(text("No settings configured.")),
                false => {
                    let rows = config
                        .settings
                        .iter()
                        .map(|s| vec![s.group.clone(), s.name.clone(), s.value.clone()])
                        .collect();
                    doc.add_table(table(&["Section", "Setting", "Value"], rows))
                }
            };
        }
    }
    doc = doc.add_paragraph(text(&format!("Generated by {}.", source.generated_by)));
    doc.build()
        .pack(out)
        .map_err(|e| io::Error::other(e.to_string()))
}

// --- CSV -------------------------------------------------------------------------------------

fn csv_rows(sections: &[Section], out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = [
        "Type", "Policy", "Version", "Section", "Setting", "Value", "Key",
    ];
    writer.write_record(header)?;
    for section in sections {
        for object in &section.objects {
            let version = object.version_number.to_string();
            for s in &object.config.settings {
                writer.write_record([
                    section.label,
                    &safe_cell(&object.display_name),
                    &version,
                    &safe_cell(&s.group),
                    &safe_cell(&s.name),
                    &safe_cell(&s.value),
                    &s.key,
                ])?;
            }
        }
    }
    writer.flush()
}

/// Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula: such text is
/// written with a leading apostrophe, as spreadsheet users type it themselves.
fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use atlas_domain::readable::SettingRow;

    use super::*;

    fn object(object_type: &str, label: &str, name: &str) -> DocObject {
        DocObject {
            object_type: object_type.into(),
            type_label: label.into(),
            display_name: name.into(),
            version_number: 2,
            captured_at: Timestamp::from_unix_millis(1_764_900_000_000).unwrap(),
            config: ReadableConfig {
                settings: vec![SettingRow {
                    group: "General".into(),
                    name: "Minimum | length".into(),
                    key: "passwordMinimumLength".into(),
                    value: "=8<script>".into(),
                    description: None,
                }],
                assignments: vec![AssignmentRow {
                    kind: AssignmentTargetKind::Group,
                    group_id: Some("g1".into()),
                    group_name: Some("Sales & Marketing".into()),
                    filter_id: None,
                    filter_mode: None,
                    intent: None,
                }],
                targeting: vec![],
            },
        }
    }

    fn source() -> DocSource {
        DocSource {
            tenant_name: "Contoso <Ltd>".into(),
            directory_tenant_id: "7d1b0b4e".into(),
            description: "the latest versions".into(),
            generated_by: "TenantAtlas test".into(),
        }
    }

    fn render_bytes(format: DocFormat) -> Vec<u8> {
        let objects = [
            object("update_ring", "Update ring", "Ring 2"),
            object("compliance_policy", "Compliance policy", "Windows"),
            object("update_ring", "Update ring", "Ring 1"),
        ];
        let mut out = io::Cursor::new(Vec::new());
        write(format, &source(), &objects, &mut out).unwrap();
        out.into_inner()
    }

    fn render(format: DocFormat) -> String {
        String::from_utf8(render_bytes(format)).unwrap()
    }

    #[test]
    fn markdown_groups_by_type_sorts_by_name_and_escapes_cells() {
        let md = render(DocFormat::Markdown);
        let order: Vec<_> = [
            "## Compliance policy",
            "## Update ring",
            "### Ring 1",
            "### Ring 2",
        ]
        .iter()
        .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} in {md}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{md}");
        assert!(md.contains("- [Update ring](#type-update_ring) (2)"));
        assert!(
            md.contains("| General | Minimum \\| length | =8<script> |"),
            "{md}"
        );
        assert!(md.contains("| Group Sales & Marketing |  |"), "{md}");
    }

    #[test]
    fn html_is_one_escaped_page_without_scripts() {
        let page = render(DocFormat::Html);
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"en\"><head>"),
            "{page}"
        );
        assert!(page.trim_end().ends_with("</body></html>"));
        assert_eq!(page.matches("<html").count(), 1);
        assert!(!page.contains("<script"), "values are escaped: {page}");
        assert!(page.contains("=8&lt;script&gt;") && page.contains("Contoso &lt;Ltd&gt;"));
        assert!(
            page.contains("href=\"#type-update_ring\"") && page.contains("id=\"type-update_ring\"")
        );
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "nothing from the network"
        );
    }

    #[test]
    fn word_is_a_zip_of_well_formed_xml_with_every_policy() {
        let bytes = render_bytes(DocFormat::Docx);
        let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).unwrap();
        let mut document = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().into_owned();
            let mut text = String::new();
            if name.ends_with(".xml") || name.ends_with(".rels") {
                io::Read::read_to_string(&mut part, &mut text).unwrap();
                roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
                if name == "word/document.xml" {
                    document = text;
                }
            }
        }
        for expected in [
            "Ring 1",
            "Ring 2",
            "Windows",
            "Minimum | length",
            "=8&lt;script&gt;",
        ] {
            assert!(document.contains(expected), "{expected} in the document");
        }
        assert!(document.contains("Sales &amp; Marketing"));
    }

    #[test]
    fn csv_is_one_row_per_setting_and_defuses_formulas() {
        let text = render(DocFormat::Csv);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "Compliance policy");
        assert_eq!(&rows[0][5], "'=8<script>");
        assert_eq!(&rows[1][1], "Ring 1");
    }
}
