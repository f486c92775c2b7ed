//! Generates the TypeScript bindings the UI uses, from the Rust types of the command surface:
//!
//! - `types.ts`: every request, response, entity and error type;
//! - `commands.ts`: one typed function per command, over a transport the UI provides;
//! - `vocabulary.ts`: the presentation catalog (labels, tones, icons) from `atlas-domain`.
//!
//! The files are committed under `ui/src/bindings/`; the `bindings` test fails when they are
//! stale and rewrites them with `UPDATE_BINDINGS=1`.

use std::{
    any::TypeId,
    collections::{BTreeSet, HashSet},
};

use atlas_domain as d;
use ts_rs::{Config, TypeVisitor, TS};

use crate::ApiError;

const HEADER: &str = "// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).\n\
                      // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.\n";

/// One command of the surface, as the UI calls it.
struct Command {
    name: &'static str,
    doc: String,
    /// The request argument's TypeScript type; commands without one take no argument.
    request: Option<String>,
    response: String,
}

/// One event the shell emits to the window.
struct Event {
    name: &'static str,
    constant: &'static str,
    doc: String,
    payload: String,
}

fn config() -> Config {
    // Counters are JSON numbers, well inside 2^53.
    Config::new().with_large_int("number")
}

/// `///` lines as they arrive in a macro (`#[doc = " text"]`), as one sentence.
fn doc(lines: &[&str]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

fn command<Req: TS, Res: TS>(name: &'static str, doc_lines: &[&str]) -> Command {
    let cfg = config();
    let request = Some(Req::name(&cfg)).filter(|n| n != "null");
    Command {
        name,
        doc: doc(doc_lines),
        request,
        response: Res::name(&cfg),
    }
}

macro_rules! command_table {
    ($($(#[doc = $doc:literal])* $name:ident($($req:ty)?) -> $res:ty;)*) => {
        vec![$(command::<command_table!(@request $($req)?), $res>(stringify!($name), &[$($doc),*])),*]
    };
    (@request) => { () };
    (@request $req:ty) => { $req };
}

/// The command surface, from the one list in `commands/mod.rs`.
fn commands() -> Vec<Command> {
    crate::for_each_command!(command_table)
}

macro_rules! event_table {
    ($($(#[doc = $doc:literal])* $name:ident = $value:literal: $payload:ty;)*) => {
        vec![$(Event {
            name: $value,
            constant: stringify!($name),
            doc: doc(&[$($doc),*]),
            payload: <$payload as TS>::name(&config()),
        }),*]
    };
}

/// The events the shell emits, from the one list in `events.rs`.
fn events() -> Vec<Event> {
    crate::for_each_event!(event_table)
}

/// The names of every command, as the shell registers them.
pub fn command_names() -> Vec<&'static str> {
    commands().into_iter().map(|c| c.name).collect()
}

struct Declaration {
    name: String,
    text: String,
    dependencies: Vec<String>,
}

/// Collects the declaration of every named type reachable from the roots, once each.
#[derive(Default)]
struct Collector {
    /// Every type walked, wrappers included (recursive types end here).
    walked: HashSet<TypeId>,
    seen: BTreeSet<String>,
    declarations: Vec<Declaration>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.walked.insert(TypeId::of::<T>()) {
            return;
        }
        let cfg = config();
        // Only derived types have a file of their own; built-ins and wrappers (Vec, Option,
        // maps) are walked through to what they hold.
        if T::output_path().is_some() && self.seen.insert(T::ident(&cfg)) {
            let docs = T::docs().unwrap_or_default();
            self.declarations.push(Declaration {
                name: T::ident(&cfg),
                text: format!("{docs}export {}", T::decl(&cfg)),
                dependencies: T::dependencies(&cfg)
                    .into_iter()
                    .map(|d| d.ts_name)
                    .collect(),
            });
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

macro_rules! visit_command_types {
    ($($(#[doc = $doc:literal])* $name:ident($($req:ty)?) -> $res:ty;)*) => {
        |c: &mut Collector| { $($(c.visit::<$req>();)? c.visit::<$res>();)* }
    };
}

macro_rules! visit_event_types {
    ($($(#[doc = $doc:literal])* $name:ident = $value:literal: $payload:ty;)*) => {
        |c: &mut Collector| { $(c.visit::<$payload>();)* }
    };
}

/// Every type the UI sees: those of the commands and events, the error, the presentation
/// catalog's entries, the typed run results — and everything they contain. Sorted by name.
fn declarations() -> Vec<Declaration> {
    let mut collector = Collector::default();
    (crate::for_each_command!(visit_command_types))(&mut collector);
    (crate::for_each_event!(visit_event_types))(&mut collector);
    collector.visit::<ApiError>();
    collector.visit::<d::vocabulary::Presentation>();
    let mut declarations = collector.declarations;
    declarations.sort_by(|a, b| a.name.cmp(&b.name));
    declarations
}

fn types_ts() -> String {
    let decls = declarations();
    let declared: BTreeSet<&str> = decls.iter().map(|d| d.name.as_str()).collect();
    for decl in &decls {
        for dep in &decl.dependencies {
            assert!(
                declared.contains(dep.as_str()),
                "{} uses {dep}, which is not declared",
                decl.name
            );
        }
    }
    let body: Vec<String> = decls.into_iter().map(|d| d.text).collect();
    format!("{HEADER}\n{}\n", body.join("\n\n"))
}

fn commands_ts() -> String {
    let mut used = BTreeSet::new();
    let mut functions = String::new();
    let mut names = String::new();
    for c in commands() {
        let camel = camel_case(c.name);
        let (params, args) = match &c.request {
            Some(req) => (format!("request: {req}"), "{ request }".to_owned()),
            None => (String::new(), "{}".to_owned()),
        };
        for ty in c.request.iter().chain([&c.response]) {
            used.extend(type_names(ty));
        }
        functions.push_str(&format!(
            "    /** {} */\n    {camel}: ({params}): Promise<{}> =>\n      transport.invoke<{}>(\"{}\", {args}),\n",
            c.doc, c.response, c.response, c.name
        ));
        names.push_str(&format!("  \"{camel}\",\n"));
    }
    let mut constants = String::new();
    let mut payloads = String::new();
    for e in events() {
        used.extend(type_names(&e.payload));
        constants.push_str(&format!(
            "/** {} */\nexport const {} = \"{}\";\n",
            e.doc, e.constant, e.name
        ));
        payloads.push_str(&format!("  \"{}\": {};\n", e.name, e.payload));
    }
    let imports = used.into_iter().collect::<Vec<_>>().join(", ");
    format!(
        "{HEADER}\nimport type {{ {imports} }} from \"./types\";\n\n\
         /** How commands reach the backend: Tauri IPC in the app, a fake in unit tests. */\n\
         export interface Transport {{\n  invoke<T>(command: string, args: Record<string, unknown>): Promise<T>;\n}}\n\n\
         /** Every command of the surface, typed. Failures reject with an `ApiError`. */\n\
         export function createCommands(transport: Transport) {{\n  return {{\n{functions}  }};\n}}\n\n\
         export type Commands = ReturnType<typeof createCommands>;\n\n\
         /** The name of every command, in the order of the surface. */\n\
         export const commandNames = [\n{names}] as const satisfies readonly (keyof Commands)[];\n\n\
         {constants}\n\
         /** What each event the desktop shell emits carries. */\n\
         export interface EventPayloads {{\n{payloads}}}\n"
    )
}

fn vocabulary_ts() -> String {
    let json = serde_json::to_string_pretty(&d::vocabulary::catalog()).expect("catalog serialises");
    format!(
        "{HEADER}\nimport type {{ Presentation }} from \"./types\";\n\n\
         /** Label, tone and icon of every value of every status domain. */\n\
         export const vocabulary = {json} as const satisfies Record<string, Record<string, Presentation>>;\n\n\
         export type VocabularyDomain = keyof typeof vocabulary;\n"
    )
}

/// Every generated file: (name inside `ui/src/bindings/`, content).
pub fn generate() -> Vec<(&'static str, String)> {
    vec![
        ("types.ts", types_ts()),
        ("commands.ts", commands_ts()),
        ("vocabulary.ts", vocabulary_ts()),
    ]
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The declared type names inside a TypeScript type expression such as `Array<Tenant>`.
fn type_names(ty: &str) -> Vec<String> {
    const BUILTIN: &[&str] = &["Array", "Record", "string", "number", "boolean", "null"];
    ty.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && !BUILTIN.contains(w))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_become_camel_case() {
        assert_eq!(camel_case("create_demo_workspace"), "createDemoWorkspace");
        assert_eq!(camel_case("app_info"), "appInfo");
    }

    #[test]
    fn type_expressions_name_their_declared_types() {
        assert_eq!(type_names("Array<WorkspaceSummary>"), ["WorkspaceSummary"]);
        assert_eq!(type_names("string"), Vec::<String>::new());
    }

    #[test]
    fn every_command_name_is_unique() {
        let names = command_names();
        let unique: BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}
