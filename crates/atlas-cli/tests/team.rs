//! Team mode from the command line, on a real PostgreSQL: the administrator prepares the
//! database and signs a colleague in; the colleague is who the database says they are.

use assert_cmd::Command;

fn atlas(url: &str) -> Command {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("atlas").unwrap();
    cmd.env("TENANTATLAS_DATA_DIR", dir.keep())
        // Claiming a name changes nothing in team mode: the database role is the operator.
        .env("TENANTATLAS_USER", "owner")
        .arg("--database-url")
        .arg(url);
    cmd
}

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn an_administrator_sets_up_team_mode_and_signs_a_colleague_in() {
    let admin_url = atlas_testkit::fresh_postgres_url();
    let (ok, text) = run(atlas(&admin_url).args(["team", "init", "--workspace", "Northwind IT"]));
    assert!(ok, "{text}");
    assert!(text.contains("row-level security"), "{text}");
    assert!(
        text.contains("Created the workspace Northwind IT"),
        "{text}"
    );
    // Idempotent.
    let (ok, text) = run(atlas(&admin_url).args(["team", "init", "--workspace", "Northwind IT"]));
    assert!(
        ok && text.contains("up to date") && !text.contains("Created"),
        "{text}"
    );

    let (ok, text) = run(atlas(&admin_url).args(["member", "add", "alice", "--role", "operator"]));
    assert!(ok, "{text}");
    let password = text
        .lines()
        .find_map(|l| l.strip_prefix("Their password (shown once; it is not stored anywhere): "))
        .expect("the password is shown once")
        .to_owned();
    let alice_url = admin_url.replacen(
        "postgres://postgres@",
        &format!("postgres://alice:{password}@"),
        1,
    );
    let (ok, text) = run(atlas(&alice_url).args(["--json", "info"]));
    assert!(ok, "{text}");
    assert!(
        text.contains("pg:alice"),
        "the operator is the database role: {text}"
    );
    assert!(!text.contains("owner\""), "{text}");
    let (ok, text) = run(atlas(&alice_url).args(["workspaces"]));
    assert!(
        ok && text.contains("Northwind IT") && text.contains("Operator"),
        "{text}"
    );

    // An operator manages nobody.
    let (ok, text) = run(atlas(&alice_url).args(["member", "set-role", "alice", "owner"]));
    assert!(!ok && text.contains("do not have permission"), "{text}");

    // The last owner stays.
    let (ok, text) = run(atlas(&admin_url).args(["member", "remove", "postgres"]));
    assert!(!ok && text.contains("last owner"), "{text}");
    let (ok, text) = run(atlas(&admin_url).args(["member", "set-role", "postgres", "readonly"]));
    assert!(!ok && text.contains("at least one owner"), "{text}");

    let (ok, text) = run(atlas(&admin_url).args(["member", "list"]));
    assert!(
        ok && text.contains("alice") && text.contains("postgres"),
        "{text}"
    );

    let (ok, text) = run(atlas(&admin_url).args(["member", "remove", "alice", "--drop-role"]));
    assert!(ok && text.contains("role was dropped"), "{text}");
    let (ok, text) = run(atlas(&alice_url).args(["workspaces"]));
    assert!(
        !ok && text.contains("password authentication failed"),
        "{text}"
    );
    assert!(!text.contains(&password), "the password is never echoed");
}

#[test]
fn team_commands_need_a_shared_database_and_good_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("atlas")
        .unwrap()
        .env_remove("TENANTATLAS_DATABASE_URL")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["team", "init"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PostgreSQL"));

    let url = atlas_testkit::fresh_postgres_url();
    let (ok, text) = run(atlas(&url).args(["team", "init", "--workspace", "W"]));
    assert!(ok, "{text}");
    let (ok, text) = run(atlas(&url).args(["member", "add", "Bad-Name"]));
    assert!(!ok && text.contains("not a usable role name"), "{text}");
    let (ok, text) = run(atlas(&url).args(["member", "add", "ghost", "--existing-role"]));
    assert!(!ok && text.contains("does not exist"), "{text}");

    // A role the administrator never made a member is told what to ask for, not "permission
    // denied".
    let stranger = format!("stranger_{}", uuid::Uuid::new_v4().simple());
    atlas_testkit::postgres::admin_sql(&format!(
        "CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'"
    ));
    let stranger_url = url.replacen(
        "postgres://postgres@",
        &format!("postgres://{stranger}:pw-{stranger}@"),
        1,
    );
    let (ok, text) = run(atlas(&stranger_url).args(["workspaces"]));
    assert!(!ok, "{text}");
    assert!(
        text.contains("is not a TenantAtlas member") && text.contains("atlas member add"),
        "{text}"
    );
}
