//! A backup set, or a tenant's latest versions, as a folder a team can keep in git: one
//! pretty-printed JSON file per object in a folder per object type, a README and an index.
//!
//! Deterministic: the same versions give byte-identical files (volatile fields removed, keys
//! sorted, names derived from the object), so exporting again without changes rewrites nothing
//! and a diff shows only real changes. Exporting into a folder a previous export wrote updates
//! it in place: changed files are replaced one by one (each written beside it and renamed), the
//! files of objects that are gone are removed, and the index is written last. Anything else in
//! the folder (`.git`, a team's own notes) is left alone; a non-empty folder that no export
//! wrote is refused before anything is written.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Write,
    path::{Component, Path, PathBuf},
};

use atlas_domain::{normalize::normalize, PolicyVersion};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{names::object_file, InteropError};

/// What the index says this folder is.
pub const FORMAT: &str = "tenantatlas-backup-folder";
pub const FORMAT_VERSION: u32 = 1;
const INDEX: &str = "index.json";
const README: &str = "README.md";

/// Where the exported versions come from, as the README and index name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderSource {
    pub tenant_name: String,
    pub directory_tenant_id: String,
    /// "backup set of 2026-12-05 03:00 UTC", "the latest versions": completes "Exported from …".
    pub description: String,
    /// The backup set's id, when the export is of one.
    pub backup_set_id: Option<String>,
}

/// What an export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FolderReport {
    /// Objects in the folder now.
    pub objects: usize,
    /// Files written because they are new or changed (the README and index included).
    pub written: usize,
    /// Files already holding exactly what the export would write.
    pub unchanged: usize,
    /// Files of objects no longer in the export, removed.
    pub removed: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct Index {
    format: String,
    format_version: u32,
    source: FolderSource,
    objects: Vec<IndexEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexEntry {
    /// Relative to the folder, `/`-separated.
    file: String,
    object_type: String,
    type_label: String,
    external_id: String,
    display_name: String,
    version_number: i32,
    content_hash: String,
    captured_at: String,
}

/// Writes `versions` (one per object) into `dir` as described in the module documentation.
pub fn write(
    dir: &Path,
    source: &FolderSource,
    versions: &[PolicyVersion],
) -> Result<FolderReport, InteropError> {
    let previous = previous_files(dir)?;
    let (files, index) = render(source, versions)?;

    let mut report = FolderReport {
        objects: index.objects.len(),
        ..FolderReport::default()
    };
    std::fs::create_dir_all(dir).map_err(|e| InteropError::unwritable(dir, e))?;
    for (relative, bytes) in &files {
        if relative == INDEX {
            continue;
        }
        place(dir, relative, bytes, &mut report)?;
    }
    for stale in previous.difference(&files.keys().cloned().collect()) {
        let path = dir.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(InteropError::unwritable(path, e)),
        }
        if let Some(folder) = path.parent().filter(|p| *p != dir) {
            // Only an emptied type folder goes; one holding anything else stays.
            let _ = std::fs::remove_dir(folder);
        }
    }
    // Last: until the index names the new files, the folder still reads as the old export.
    place(dir, INDEX, &files[INDEX], &mut report)?;
    Ok(report)
}

/// Every file of the export, by relative path, and the index they are listed in.
fn render(
    source: &FolderSource,
    versions: &[PolicyVersion],
) -> Result<(BTreeMap<String, Vec<u8>>, Index), InteropError> {
    let mut files = BTreeMap::new();
    let mut objects = Vec::with_capacity(versions.len());
    let mut sorted: Vec<&PolicyVersion> = versions.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |v: &PolicyVersion| {
            (
                v.summary.object_type.clone(),
                v.summary.display_name.to_lowercase(),
                v.summary.external_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    for version in sorted {
        let summary = &version.summary;
        let catalog = atlas_graph::ObjectType::find(&summary.object_type);
        let volatile = catalog.map_or(&[][..], |t| t.volatile_fields);
        let type_label = catalog.map_or(summary.object_type.as_str(), |t| t.label);
        let folder = folder_name(&summary.object_type);
        let mut file = format!(
            "{folder}/{}",
            object_file(&summary.display_name, &summary.external_id)
        );
        // Two objects of one type whose names and id digests coincide: the later one (in the
        // fixed order) is numbered, so the result is still the same every time.
        let mut n = 2;
        while files.contains_key(&file) {
            file = format!(
                "{folder}/{} {n}.json",
                object_file(&summary.display_name, &summary.external_id).trim_end_matches(".json")
            );
            n += 1;
        }
        files.insert(
            file.clone(),
            pretty(&sorted_keys(normalize(&version.content, volatile)))?,
        );
        objects.push(IndexEntry {
            file,
            object_type: summary.object_type.clone(),
            type_label: type_label.to_owned(),
            external_id: summary.external_id.clone(),
            display_name: summary.display_name.clone(),
            version_number: summary.version_number,
            content_hash: summary.content_hash.clone(),
            captured_at: summary.captured_at.to_string(),
        });
    }
    let index = Index {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        source: source.clone(),
        objects,
    };
    files.insert(README.to_owned(), readme(&index).into_bytes());
    let index_bytes = serde_json::to_value(&index)
        .map_err(|e| InteropError::unwritable(INDEX, e))
        .and_then(|v| pretty(&v))?;
    files.insert(INDEX.to_owned(), index_bytes);
    Ok((files, index))
}

/// The folder of an object type: its catalog key, which is already a safe, stable name.
fn folder_name(object_type: &str) -> String {
    object_type
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => c,
            _ => '_',
        })
        .collect()
}

/// Two-space JSON with a final newline.
fn pretty(value: &Value) -> Result<Vec<u8>, InteropError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| InteropError::unwritable("a file", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The value with every object's keys in order, whatever map the JSON library keeps.
fn sorted_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let ordered: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted_keys(v))).collect();
            Value::Object(ordered.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted_keys).collect()),
        other => other,
    }
}

fn readme(index: &Index) -> String {
    let source = &index.source;
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for entry in &index.objects {
        let folder = entry.file.split('/').next().unwrap_or_default();
        *counts
            .entry((entry.type_label.as_str(), folder))
            .or_default() += 1;
    }
    let mut out = format!(
        "# {} — Intune and Entra configuration\n\n\
         Exported by TenantAtlas from {}. Directory (tenant) id: `{}`.\n\n\
         One JSON file per object, in a folder per object type. What changes without the \
         configuration changing (ids, creation and modification times, version counters, OData \
         annotations other than `@odata.type`) is left out and keys are sorted, so exporting \
         again without changes rewrites nothing and a diff shows only real changes. Secret \
         values (encrypted OMA-URI values and their references) are never stored by \
         TenantAtlas; they read `{}`.\n\n\
         `index.json` lists every object: its file, type, name, object id, version number, \
         content hash and when that version was captured.\n\n",
        source.tenant_name,
        source.description,
        source.directory_tenant_id,
        atlas_graph::SECRET_MARKER,
    );
    if counts.is_empty() {
        out.push_str("The export holds no objects.\n");
        return out;
    }
    out.push_str("| Type | Folder | Objects |\n|---|---|---:|\n");
    for ((label, folder), count) in counts {
        out.push_str(&format!("| {label} | `{folder}/` | {count} |\n"));
    }
    out
}

/// The files a previous export wrote into `dir` (from its index), or none for a missing or
/// empty folder (dot-entries like `.git` allowed). Refuses a folder no export wrote.
fn previous_files(dir: &Path) -> Result<BTreeSet<String>, InteropError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(InteropError::unreadable(dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| InteropError::unreadable(dir, e))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    if !names.iter().any(|n| n == INDEX) {
        return match names.iter().all(|n| n.starts_with('.')) {
            true => Ok(BTreeSet::new()),
            false => Err(InteropError::ForeignFolder(dir.into())),
        };
    }
    let path = dir.join(INDEX);
    let bytes = std::fs::read(&path).map_err(|e| InteropError::unreadable(&path, e))?;
    let index: Index =
        serde_json::from_slice(&bytes).map_err(|_| InteropError::ForeignFolder(dir.into()))?;
    if index.format != FORMAT {
        return Err(InteropError::ForeignFolder(dir.into()));
    }
    // Only names an export could have written are ever removed: a hand-edited index naming
    // `../something` deletes nothing outside the folder.
    let mut files: BTreeSet<String> = index
        .objects
        .into_iter()
        .map(|o| o.file)
        .filter(|f| is_export_path(f))
        .collect();
    files.insert(README.to_owned());
    files.insert(INDEX.to_owned());
    Ok(files)
}

fn is_export_path(relative: &str) -> bool {
    let path = PathBuf::from(relative);
    let components: Vec<_> = path.components().collect();
    components.len() == 2
        && components.iter().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        })
        && relative.ends_with(".json")
}

/// Writes `bytes` at `relative` unless the file already holds them: to a temporary file beside
/// it, renamed over it once complete.
fn place(
    dir: &Path,
    relative: &str,
    bytes: &[u8],
    report: &mut FolderReport,
) -> Result<(), InteropError> {
    let path = dir.join(relative);
    if std::fs::read(&path).is_ok_and(|current| current == bytes) {
        report.unchanged += 1;
        return Ok(());
    }
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| InteropError::unwritable(parent, e))?;
    let mut temp =
        tempfile::NamedTempFile::new_in(parent).map_err(|e| InteropError::unwritable(parent, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| InteropError::unwritable(&path, e))?;
    temp.persist(&path)
        .map_err(|e| InteropError::unwritable(&path, e.error))?;
    report.written += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use atlas_domain::{
        PolicyVersionId, PolicyVersionSummary, TenantId, Timestamp, VersionPurpose, WorkspaceId,
    };
    use serde_json::json;

    use super::*;

    fn version(object_type: &str, id: &str, name: &str, content: Value) -> PolicyVersion {
        PolicyVersion {
            summary: PolicyVersionSummary {
                id: PolicyVersionId::new(),
                workspace_id: WorkspaceId::new(),
                tenant_id: TenantId::new(),
                object_type: object_type.into(),
                external_id: id.into(),
                display_name: name.into(),
                version_number: 1,
                content_hash: format!("hash-{id}"),
                captured_at: Timestamp::from_unix_millis(1_764_900_000_000).unwrap(),
                run_id: None,
                purpose: VersionPurpose::Backup,
            },
            content,
        }
    }

    fn source() -> FolderSource {
        FolderSource {
            tenant_name: "Contoso".into(),
            directory_tenant_id: "7d1b0b4e-0000-4000-8000-000000000001".into(),
            description: "the latest versions".into(),
            backup_set_id: None,
        }
    }

    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        atlas_testkit::files_under(dir)
            .into_iter()
            .map(|f| {
                let rel = f
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(&f).unwrap())
            })
            .collect()
    }

    fn sample() -> Vec<PolicyVersion> {
        vec![
            version(
                "device_configuration",
                "b",
                "Wi-Fi: Head office",
                json!({ "id": "b", "lastModifiedDateTime": "2026-01-01T00:00:00Z",
                        "displayName": "Wi-Fi: Head office", "ssid": "HQ",
                        "@odata.type": "#microsoft.graph.windowsWifiConfiguration" }),
            ),
            version(
                "compliance_policy",
                "a",
                "Windows compliance",
                json!({ "displayName": "Windows compliance", "passwordRequired": true,
                        "@odata.context": "https://graph.microsoft.com/beta/$metadata" }),
            ),
        ]
    }

    #[test]
    fn the_same_versions_give_the_same_bytes_and_nothing_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("contoso");
        let first = write(&out, &source(), &sample()).unwrap();
        assert_eq!((first.objects, first.written, first.unchanged), (2, 4, 0));
        let before = tree(&out);
        let mut shuffled = sample();
        shuffled.reverse();
        let again = write(&out, &source(), &shuffled).unwrap();
        assert_eq!((again.written, again.unchanged, again.removed), (0, 4, 0));
        assert_eq!(tree(&out), before, "byte-identical");

        let wifi = String::from_utf8(
            before[&format!(
                "device_configuration/{}",
                object_file("Wi-Fi: Head office", "b")
            )]
                .clone(),
        )
        .unwrap();
        assert!(
            !wifi.contains("lastModifiedDateTime") && !wifi.contains("\"id\""),
            "{wifi}"
        );
        assert!(wifi.ends_with("}\n"));
        let keys: Vec<_> = wifi
            .lines()
            .filter_map(|l| l.trim().split('"').nth(1))
            .collect();
        assert_eq!(keys, ["@odata.type", "displayName", "ssid"], "sorted keys");
        let readme = String::from_utf8(before["README.md"].clone()).unwrap();
        assert!(
            readme.contains("| Device configuration profile | `device_configuration/` | 1 |"),
            "{readme}"
        );
    }

    #[test]
    fn a_later_export_updates_in_place_and_leaves_other_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir(out.join(".git")).unwrap();
        std::fs::write(out.join(".git").join("HEAD"), "ref: refs/heads/main\n").unwrap();
        write(out, &source(), &sample()).unwrap();
        std::fs::write(out.join("NOTES.md"), "ours\n").unwrap();

        let mut changed = sample();
        changed.remove(1);
        changed[0].content["ssid"] = json!("HQ-2");
        let report = write(out, &source(), &changed).unwrap();
        assert_eq!((report.objects, report.removed), (1, 1));
        assert_eq!(
            report.written, 3,
            "the changed object, the README and the index"
        );
        let files = tree(out);
        assert!(
            files.keys().all(|f| !f.starts_with("compliance_policy")),
            "{files:?}"
        );
        assert!(
            !out.join("compliance_policy").exists(),
            "the emptied folder is gone"
        );
        assert_eq!(files["NOTES.md"], b"ours\n");
        assert_eq!(files[".git/HEAD"], b"ref: refs/heads/main\n");
    }

    #[test]
    fn a_folder_no_export_wrote_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.docx"), "mine").unwrap();
        let err = write(dir.path(), &source(), &sample()).unwrap_err();
        assert!(matches!(err, InteropError::ForeignFolder(_)), "{err}");
        assert_eq!(tree(dir.path()).len(), 1);

        std::fs::remove_file(dir.path().join("thesis.docx")).unwrap();
        std::fs::write(dir.path().join(INDEX), r#"{"format": "something-else"}"#).unwrap();
        assert!(matches!(
            write(dir.path(), &source(), &sample()),
            Err(InteropError::ForeignFolder(_))
        ));
    }

    #[test]
    fn a_tampered_index_removes_nothing_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        write(&out, &source(), &sample()).unwrap();
        let outside = dir.path().join("keep.json");
        std::fs::write(&outside, "{}").unwrap();
        let index_path = out.join(INDEX);
        let mut index: Value =
            serde_json::from_slice(&std::fs::read(&index_path).unwrap()).unwrap();
        let mut forged = index["objects"][0].clone();
        forged["file"] = json!("../keep.json");
        index["objects"].as_array_mut().unwrap().push(forged);
        std::fs::write(&index_path, serde_json::to_vec(&index).unwrap()).unwrap();
        write(&out, &source(), &[]).unwrap();
        assert!(outside.exists());
        let files = tree(&out);
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            ["README.md", "index.json"]
        );
        assert!(String::from_utf8(files["README.md"].clone())
            .unwrap()
            .contains("holds no objects"));
    }
}
