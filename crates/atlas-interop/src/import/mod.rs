//! Other tools' backups read as TenantAtlas objects: an IntuneCD backup folder (JSON or YAML)
//! or an IntuneManagement export folder, each file mapped to a catalog type by its content,
//! turned back into Graph's shape with the importing tenant's names and ids, secrets masked,
//! and hashed with the same normaliser a sync uses — so an object imported from a backup of a
//! tenant hashes like the same object synced from it. Pure file work: the caller reads the
//! tenant's [`Lookups`] and stores the [`Scan`].

mod classify;
mod intune_management;
mod intunecd;
mod lookups;
mod parse;
mod walk;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use atlas_domain::normalize::content_hash;
use atlas_graph::ObjectType;
use base64::{engine::general_purpose::STANDARD, Engine};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

pub use lookups::Lookups;
pub use walk::MAX_FILE_BYTES;

use crate::InteropError;
use parse::Syntax;

/// The tool whose backup a folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    IntuneCd,
    IntuneManagement,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::IntuneCd => "IntuneCD",
            Tool::IntuneManagement => "IntuneManagement",
        }
    }
}

/// A file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// `/`-separated, relative to the chosen folder.
    pub path: String,
    pub reason: String,
}

impl Skipped {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// How an imported object was matched to an object of the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// The file holds the object's id.
    IdInFile,
    /// The file name ends with it (IntuneCD's `--append-id`).
    IdInFileName,
    /// The tenant's only object of a singleton type.
    Singleton,
    /// The tenant's one object of that type and name.
    NameInTenant,
    /// No object of the tenant matches: an id made from the type and name, the same on every
    /// import.
    Derived,
}

/// One object read from a file.
#[derive(Debug, Clone)]
pub struct ImportedObject {
    pub object_type: &'static ObjectType,
    pub external_id: String,
    pub display_name: String,
    /// Graph's shape, secrets masked.
    pub content: Value,
    /// The same normalised hash a sync stores.
    pub content_hash: String,
    pub identity: Identity,
    /// IntuneCD's `__archive__` stamp (`YYYY-MM-DD_HH-MM-SS`): the object had left the tenant
    /// by then, so this is an older version, not part of the backup's current state.
    pub archived: Option<String>,
    pub path: String,
    /// SHA-256 (hex) of the file's bytes as read.
    pub file_sha256: String,
    /// Names in the file with no match in the tenant (kept as written).
    pub unresolved: Vec<String>,
}

/// What a folder holds.
#[derive(Debug, Clone)]
pub struct Scan {
    pub tool: Tool,
    /// Archived objects oldest first (older versions), then current ones in path order.
    pub objects: Vec<ImportedObject>,
    /// Files that could not be imported, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files of the backup that hold no object (script bodies, reports, side files).
    pub side_files: usize,
    /// Object files read (imported or not).
    pub files_read: usize,
    /// Objects the tool says it wrote in this backup (IntuneCD's `backup_summary.json`, written
    /// with `--intunecdmonitor`), when it says: proof the folder is whole.
    pub declared_objects: Option<i64>,
    /// Per type key, what the tool's format does not carry.
    pub not_carried: BTreeMap<&'static str, Vec<&'static str>>,
    /// SHA-256 over the tool and every object file's path and hash: the same folder gives the
    /// same fingerprint.
    pub fingerprint: String,
}

/// Names in a file that found no match, collected while it is restored.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub unresolved: Vec<String>,
}

impl Notes {
    pub fn unresolved(&mut self, what: String) {
        if !self.unresolved.contains(&what) {
            self.unresolved.push(what);
        }
    }
}

/// Reads the backup folder at `root` (see the module).
pub fn scan(root: &Path, lookups: &Lookups) -> Result<Scan, InteropError> {
    let (files, mut skipped) = walk::files(root)?;
    let tool = detect(root, &files)?;
    let by_path: HashMap<&str, &walk::Found> =
        files.iter().map(|f| (f.relative.as_str(), f)).collect();
    let mut notes_table = Notes::default();
    let groups = match tool {
        Tool::IntuneManagement => migration_table(&files, lookups, &mut notes_table, &mut skipped),
        Tool::IntuneCd => HashMap::new(),
    };

    let mut side_files = 0;
    let mut object_files = Vec::with_capacity(files.len());
    for file in &files {
        let side = match tool {
            Tool::IntuneCd => intunecd::is_side_file(&file.relative),
            Tool::IntuneManagement => intune_management::is_side_file(&file.relative),
        };
        match Syntax::of(&file.relative).filter(|_| !side) {
            Some(syntax) => object_files.push((file, syntax)),
            None => side_files += 1,
        }
    }
    let context = FileContext {
        tool,
        lookups,
        groups: &groups,
        by_path: &by_path,
    };
    let read = in_parallel(&object_files, |(file, syntax)| context.read(file, *syntax));

    let mut objects: Vec<ImportedObject> = Vec::with_capacity(read.len());
    let mut fingerprint = Sha256::new();
    fingerprint.update(tool.label().as_bytes());
    for ((file, _), outcome) in object_files.iter().zip(read) {
        if let Some(hash) = &outcome.file_sha256 {
            fingerprint.update(file.relative.as_bytes());
            fingerprint.update(hash.as_bytes());
        }
        match outcome.object {
            Ok(object) => objects.push(object),
            Err(reason) => skipped.push(Skipped::new(&file.relative, reason)),
        }
    }
    let files_read = object_files.len();
    let objects = order_and_deduplicate(objects, &mut skipped);
    let mut not_carried = BTreeMap::new();
    if tool == Tool::IntuneCd {
        for object in &objects {
            let lost = intunecd::not_carried(object.object_type);
            if !lost.is_empty() {
                not_carried.insert(object.object_type.key, lost.to_vec());
            }
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let declared_objects = match tool {
        Tool::IntuneCd => intunecd::declared_objects(root),
        Tool::IntuneManagement => None,
    };
    Ok(Scan {
        tool,
        objects,
        skipped,
        side_files,
        files_read,
        declared_objects,
        not_carried,
        fingerprint: hex(&fingerprint.finalize()),
    })
}

/// Which tool wrote the folder, by its type folders (IntuneManagement's may sit one level
/// down, below the organisation's name); neither is refused before anything is read.
fn detect(root: &Path, files: &[walk::Found]) -> Result<Tool, InteropError> {
    let mut tops: Vec<&str> = Vec::new();
    let mut seconds: Vec<&str> = Vec::new();
    let mut migration_table = false;
    for file in files {
        let parts: Vec<&str> = file.relative.split('/').collect();
        if parts.last() == Some(&intune_management::MIGRATION_TABLE) && parts.len() <= 2 {
            migration_table = true;
        }
        if parts.len() >= 2 && !tops.contains(&parts[0]) {
            tops.push(parts[0]);
        }
        if parts.len() >= 3 && !seconds.contains(&parts[1]) {
            seconds.push(parts[1]);
        }
    }
    let intunecd = intunecd::recognises(&tops);
    let im_folders: Vec<&str> = tops.iter().chain(&seconds).copied().collect();
    let im = intune_management::recognises(&im_folders, migration_table);
    match (intunecd, im) {
        (true, false) => Ok(Tool::IntuneCd),
        (false, true) => Ok(Tool::IntuneManagement),
        // Both name a folder `Applications` (and a few others the same): IntuneCD's folder
        // names have spaces, IntuneManagement's never, and only the latter writes a table.
        (true, true) if !migration_table && tops.iter().any(|t| t.contains(' ')) => {
            Ok(Tool::IntuneCd)
        }
        (true, true) => Ok(Tool::IntuneManagement),
        (false, false) => Err(InteropError::NotABackup(root.to_path_buf())),
    }
}

/// IntuneManagement's group table (at the top or below the organisation's folder).
fn migration_table(
    files: &[walk::Found],
    lookups: &Lookups,
    notes: &mut Notes,
    skipped: &mut Vec<Skipped>,
) -> HashMap<String, String> {
    let Some(file) = files.iter().find(|f| {
        f.relative.rsplit('/').next() == Some(intune_management::MIGRATION_TABLE)
            && f.relative.split('/').count() <= 2
    }) else {
        return HashMap::new();
    };
    let parsed = std::fs::read(&file.path)
        .map_err(|e| format!("cannot be read: {e}"))
        .and_then(|bytes| parse::text(&bytes))
        .and_then(|text| parse::object(&text, Syntax::Json));
    match parsed {
        Ok(table) => intune_management::group_mapping(&table, lookups, notes),
        Err(reason) => {
            skipped.push(Skipped::new(
                &file.relative,
                format!("{reason}; group ids of the source tenant are kept as they are"),
            ));
            HashMap::new()
        }
    }
}

/// What reading one object file gave: the file's hash when it could be read, and the object
/// or why there is none.
struct FileOutcome {
    file_sha256: Option<String>,
    object: Result<ImportedObject, String>,
}

/// `work` over `items` on every core, the results in the items' order (files are independent;
/// parsing and hashing them is most of an import's time).
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < 64 {
        return items.iter().map(&work).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&work).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a file reader panicked"))
            .collect()
    })
}

struct FileContext<'a> {
    tool: Tool,
    lookups: &'a Lookups,
    groups: &'a HashMap<String, String>,
    by_path: &'a HashMap<&'a str, &'a walk::Found>,
}

impl FileContext<'_> {
    fn read(&self, file: &walk::Found, syntax: Syntax) -> FileOutcome {
        match std::fs::read(&file.path) {
            Ok(bytes) => {
                let file_sha256 = hex(&Sha256::digest(&bytes));
                FileOutcome {
                    object: self.object(file, syntax, &bytes, file_sha256.clone()),
                    file_sha256: Some(file_sha256),
                }
            }
            Err(e) => FileOutcome {
                file_sha256: None,
                object: Err(format!("cannot be read: {e}")),
            },
        }
    }

    fn object(
        &self,
        file: &walk::Found,
        syntax: Syntax,
        bytes: &[u8],
        file_sha256: String,
    ) -> Result<ImportedObject, String> {
        let hint = match self.tool {
            Tool::IntuneCd => intunecd::folder_hint(&file.relative),
            Tool::IntuneManagement => intune_management::folder_hint(&file.relative),
        }
        .map_err(|reason| format!("not imported: {reason}"))?;
        let mut text = parse::text(bytes)?;
        if self.tool == Tool::IntuneManagement {
            text = intune_management::localise(&text, self.lookups, self.groups);
        }
        let mut content = parse::object(&text, syntax)?;
        let kind = classify::classify(&content, hint)?;
        let mut notes = Notes::default();
        let file_id = match self.tool {
            Tool::IntuneCd => intunecd::id_from_file_name(&file.relative),
            Tool::IntuneManagement => None,
        };
        match self.tool {
            Tool::IntuneCd => {
                intunecd::restore(&mut content, kind, self.lookups, &mut notes);
                self.apply_script_data(&mut content, kind, file, file_id.as_deref())?;
            }
            Tool::IntuneManagement => {
                self.merge_settings_file(&mut content, kind, file)?;
                if let Value::Object(map) = &mut content {
                    intune_management::restore(map);
                    restore_assignments(map, kind, self.lookups, &mut notes);
                }
            }
        }

        let display_name = kind
            .display_name_of(&content)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| file_stem(&file.relative));
        let (external_id, identity) = self.identify(&content, kind, &display_name, file_id);
        if let Value::Object(map) = &mut content {
            if !map.get("id").is_some_and(Value::is_string) {
                map.insert("id".into(), Value::String(external_id.clone()));
            }
            fill_direct_source_ids(map, &external_id);
        }
        if kind.singleton {
            content = atlas_graph::singleton_item(kind, content);
        }
        kind.strip_secrets(&mut content);
        let content_hash = content_hash(&content, kind.volatile_fields);
        Ok(ImportedObject {
            object_type: kind,
            external_id,
            display_name,
            content,
            content_hash,
            identity,
            archived: intunecd::archived_at(&file.relative)
                .filter(|_| self.tool == Tool::IntuneCd)
                .map(str::to_owned),
            path: file.relative.clone(),
            file_sha256,
            unresolved: notes.unresolved,
        })
    }

    fn identify(
        &self,
        content: &Value,
        kind: &'static ObjectType,
        name: &str,
        file_id: Option<String>,
    ) -> (String, Identity) {
        if let Some(id) = content
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
        {
            return (id.to_owned(), Identity::IdInFile);
        }
        if let Some(id) = file_id {
            return (id, Identity::IdInFileName);
        }
        if kind.singleton {
            let id = self.lookups.only_object_of(kind.key).unwrap_or(kind.key);
            return (id.to_owned(), Identity::Singleton);
        }
        if let Some(id) = self.lookups.object_id(kind.key, name) {
            return (id.to_owned(), Identity::NameInTenant);
        }
        let digest = Sha256::digest(format!("{}\n{}", kind.key, name.trim().to_lowercase()));
        (
            format!("imported-{}", &hex(&digest)[..24]),
            Identity::Derived,
        )
    }

    /// IntuneCD's plain-text script bodies (`Script Data/`) win over the JSON's base64.
    fn apply_script_data(
        &self,
        content: &mut Value,
        kind: &ObjectType,
        file: &walk::Found,
        id: Option<&str>,
    ) -> Result<(), String> {
        let dir = file.relative.rsplit_once('/').map_or("", |(d, _)| d);
        for (name, field) in intunecd::script_files(content, kind, id) {
            let path = format!("{dir}/Script Data/{name}");
            let Some(script) = self.by_path.get(path.as_str()) else {
                continue;
            };
            let body = std::fs::read(&script.path)
                .map_err(|e| format!("its script body {path} cannot be read: {e}"))?;
            let current = content.get(field).and_then(Value::as_str).unwrap_or("");
            if STANDARD.decode(current).ok().as_deref() != Some(body.as_slice()) {
                content[field] = Value::String(STANDARD.encode(&body));
            }
        }
        Ok(())
    }

    /// IntuneManagement's `<name>_Settings.json` into its intent or administrative template.
    fn merge_settings_file(
        &self,
        content: &mut Value,
        kind: &ObjectType,
        file: &walk::Found,
    ) -> Result<(), String> {
        let Some((path, field)) = intune_management::settings_file(&file.relative, kind.key) else {
            return Ok(());
        };
        let Some(settings) = self.by_path.get(path.as_str()) else {
            return Ok(());
        };
        let bytes = std::fs::read(&settings.path)
            .map_err(|e| format!("its settings file {path} cannot be read: {e}"))?;
        let text = intune_management::localise(&parse::text(&bytes)?, self.lookups, self.groups);
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| format!("its settings file {path} is not valid JSON: {e}"))?;
        content[field] = intune_management::settings_of(value);
        Ok(())
    }
}

/// Assignments back in Graph's shape: group and filter names (IntuneCD) to ids, the names the
/// tools add removed, and an empty list where the tool left out a type's empty assignments.
pub(crate) fn restore_assignments(
    map: &mut Map<String, Value>,
    kind: &ObjectType,
    lookups: &Lookups,
    notes: &mut Notes,
) {
    let assignable = kind
        .expand
        .is_some_and(|e| e.split(',').any(|p| p == "assignments"))
        || kind.assignments_collection.is_some();
    if !assignable {
        return;
    }
    let assignments = map
        .entry("assignments")
        .or_insert_with(|| Value::Array(vec![]));
    let Value::Array(assignments) = assignments else {
        return;
    };
    for assignment in assignments.iter_mut().filter_map(Value::as_object_mut) {
        let Some(Value::Object(target)) = assignment.get_mut("target") else {
            continue;
        };
        if let Some(Value::String(name)) = target.remove("groupName") {
            match lookups.group_id(&name) {
                Some(id) => {
                    target.insert("groupId".into(), Value::String(id.to_owned()));
                }
                None => {
                    notes.unresolved(format!("group '{name}'"));
                    target.insert("groupName".into(), Value::String(name));
                }
            }
        }
        target.remove("groupType");
        target.remove("membershipRule");
        let filter = "deviceAndAppManagementAssignmentFilterId";
        if let Some(Value::String(name)) = target.get(filter) {
            let is_id = lookups::is_guid(name);
            if !is_id {
                match lookups.filter_id(name) {
                    Some(id) => {
                        target.insert(filter.into(), Value::String(id.to_owned()));
                    }
                    None => notes.unresolved(format!("assignment filter '{name}'")),
                }
            }
        }
    }
}

/// A direct assignment's `sourceId` is the object's own id; IntuneCD drops it.
fn fill_direct_source_ids(map: &mut Map<String, Value>, external_id: &str) {
    let Some(Value::Array(assignments)) = map.get_mut("assignments") else {
        return;
    };
    for assignment in assignments.iter_mut().filter_map(Value::as_object_mut) {
        let direct = assignment.get("source").and_then(Value::as_str) == Some("direct");
        if direct && !assignment.contains_key("sourceId") {
            assignment.insert("sourceId".into(), Value::String(external_id.to_owned()));
        }
    }
}

/// Archived objects oldest first (the same content once), then current ones in path order; a
/// second current file for the same object is reported, not imported twice.
fn order_and_deduplicate(
    objects: Vec<ImportedObject>,
    skipped: &mut Vec<Skipped>,
) -> Vec<ImportedObject> {
    let (mut archived, current): (Vec<_>, Vec<_>) =
        objects.into_iter().partition(|o| o.archived.is_some());
    let mut seen: HashMap<(&'static str, String), String> = HashMap::new();
    let mut kept = Vec::with_capacity(current.len() + archived.len());
    for object in current {
        let key = (object.object_type.key, object.external_id.clone());
        if let Some(first) = seen.get(&key) {
            skipped.push(Skipped::new(
                &object.path,
                format!("is the same object as {first}; the first file is imported"),
            ));
            continue;
        }
        seen.insert(key, object.path.clone());
        kept.push(object);
    }
    archived.sort_by(|a, b| (&a.archived, &a.path).cmp(&(&b.archived, &b.path)));
    let mut versions = HashSet::new();
    let mut older: Vec<ImportedObject> = archived
        .into_iter()
        .filter(|o| {
            versions.insert((
                o.object_type.key,
                o.external_id.clone(),
                o.content_hash.clone(),
            ))
        })
        .collect();
    older.append(&mut kept);
    older
}

fn file_stem(relative: &str) -> String {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn an_edited_script_body_wins_and_archives_come_first_as_older_versions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let script = |body: &str| {
            json!({ "displayName": "Set wallpaper", "fileName": "wallpaper.ps1",
                    "runAsAccount": "system", "enforceSignatureCheck": false,
                    "scriptContent": STANDARD.encode(body) })
            .to_string()
        };
        write(
            root,
            "Scripts/Powershell/Set wallpaper__s1.json",
            &script("old"),
        );
        write(
            root,
            "Scripts/Powershell/Script Data/wallpaper__s1.ps1",
            "new",
        );
        // The same object, deleted and re-created once: IntuneCD archived an older file of it.
        write(
            root,
            "__archive__/2026-01-02_03-04-05/Set wallpaper__s1.json",
            &script("older"),
        );

        let scan = scan(root, &Lookups::new("tenant")).unwrap();
        assert_eq!(scan.tool, Tool::IntuneCd);
        assert_eq!((scan.files_read, scan.side_files), (2, 1));
        let bodies: Vec<(Option<&str>, String)> = scan
            .objects
            .iter()
            .map(|o| {
                let body = STANDARD
                    .decode(o.content["scriptContent"].as_str().unwrap())
                    .unwrap();
                (o.archived.as_deref(), String::from_utf8(body).unwrap())
            })
            .collect();
        assert_eq!(
            bodies,
            [
                (Some("2026-01-02_03-04-05"), "older".to_owned()),
                (None, "new".to_owned())
            ]
        );
        assert!(scan.objects.iter().all(|o| o.external_id == "s1"
            && o.object_type.key == "powershell_script"
            && o.identity == Identity::IdInFileName));
    }

    #[test]
    fn the_same_folder_gives_the_same_fingerprint_and_neither_format_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "Filters/Corp.json",
            r#"{"displayName": "Corp", "rule": "x",
            "platform": "windows10AndLater", "assignmentFilterManagementType": "devices"}"#,
        );
        let lookups = Lookups::new("tenant");
        let first = scan(root, &lookups).unwrap();
        assert_eq!(first.fingerprint, scan(root, &lookups).unwrap().fingerprint);
        write(
            root,
            "Filters/Corp.json",
            r#"{"displayName": "Corp 2", "rule": "x",
            "platform": "windows10AndLater", "assignmentFilterManagementType": "devices"}"#,
        );
        assert_ne!(first.fingerprint, scan(root, &lookups).unwrap().fingerprint);

        let other = tempfile::tempdir().unwrap();
        write(other.path(), "Holiday/photo.json", "{}");
        let err = scan(other.path(), &lookups).unwrap_err();
        assert!(matches!(err, InteropError::NotABackup(_)), "{err}");
    }
}
