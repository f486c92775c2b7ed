//! `atlas tenant …` and `atlas sync` against the simulated Microsoft cloud, as an operator runs
//! them: the runtime reaches the simulator through TENANTATLAS_CLOUD_URL, secrets go to the
//! real OS keyring (these tests run inside `dbus-run-session -- scripts/keyring-session.sh`,
//! like scripts/test.sh), and bad input changes nothing.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use atlas_cloudsim::{
    model::catalog_type, RunningSimulator, Simulator, SimulatorConfig, TenantCredentials,
    ThrottleMode,
};
use atlas_domain::{Timestamp, WorkspaceId};
use atlas_graph::{Category, ObjectType};
use atlas_store::{testing, Store, StoreConfig};
use predicates::prelude::*;

/// A simulated cloud served from its own runtime, so the tests can block on the CLI.
struct Cloud {
    sim: Option<RunningSimulator>,
    runtime: tokio::runtime::Runtime,
}

impl Cloud {
    fn start(tenants: usize) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sim = runtime
            .block_on(Simulator::start(SimulatorConfig {
                seed: 41,
                tenants,
                policies_per_tenant: 25,
                throttle: ThrottleMode::Real,
                ..Default::default()
            }))
            .unwrap();
        Self {
            sim: Some(sim),
            runtime,
        }
    }

    fn sim(&self) -> &RunningSimulator {
        self.sim.as_ref().expect("running")
    }

    fn tenant(&self, i: usize) -> TenantCredentials {
        self.sim().credentials().remove(i)
    }

    /// How many objects the simulated tenant with directory id `directory` holds of the catalog
    /// types that `counted` picks.
    fn holds(&self, directory: &str, counted: impl Fn(&ObjectType) -> bool) -> i64 {
        let cloud = self.sim().cloud();
        let tenant = cloud
            .tenants()
            .iter()
            .find(|t| t.info.tenant_id.to_string() == directory)
            .unwrap_or_else(|| panic!("no simulated tenant {directory}"));
        let data = tenant.data.read().unwrap();
        let count: usize = data
            .collections
            .iter()
            .map(|(path, objects)| {
                objects
                    .iter()
                    .filter(|o| catalog_type(path, o.odata_type()).is_some_and(&counted))
                    .count()
            })
            .sum();
        count as i64
    }

    /// What an inventory sync of the simulated tenant `directory` reads: every object but
    /// directory objects.
    fn inventory_size(&self, directory: &str) -> i64 {
        self.holds(directory, |t| t.category != Category::Directory)
    }

    /// The CLI against `data_dir`, reaching this cloud instead of Microsoft's.
    fn atlas(&self, data_dir: &Path) -> Command {
        let mut cmd = Command::cargo_bin("atlas").unwrap();
        cmd.env_remove("TENANTATLAS_DATABASE_URL")
            .env_remove("TENANTATLAS_CLOUD_CA")
            .env("TENANTATLAS_USER", "ann")
            .env("TENANTATLAS_CLOUD_URL", self.sim().base_url())
            .arg("--data-dir")
            .arg(data_dir);
        cmd
    }

    /// `atlas tenant add` of simulated tenant `i` with `secret` piped to --secret-stdin.
    fn add(
        &self,
        data_dir: &Path,
        i: usize,
        name: &str,
        secret: &str,
    ) -> assert_cmd::assert::Assert {
        let t = self.tenant(i);
        self.atlas(data_dir)
            .args(["tenant", "add", "--name", name, "--directory"])
            .arg(&t.primary_domain)
            .arg("--client-id")
            .arg(t.client_id.to_string())
            .arg("--secret-stdin")
            .write_stdin(format!("{secret}\n"))
            .assert()
    }
}

impl Drop for Cloud {
    fn drop(&mut self) {
        if let Some(sim) = self.sim.take() {
            let _ = self.runtime.block_on(sim.stop());
        }
    }
}

/// A data folder with one empty workspace owned by the operator `ann`.
fn workspace(name: &str) -> (tempfile::TempDir, WorkspaceId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tenantatlas.db");
    let id = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = Store::open(StoreConfig::Sqlite { path }).await.unwrap();
        let now = Timestamp::now();
        let owner = testing::user(&store, "ann", now).await;
        let ws = testing::workspace(&store, name, owner.id, now).await;
        store.close().await;
        ws.id
    });
    (dir, id)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn tenant_list(cloud: &Cloud, dir: &Path) -> serde_json::Value {
    let out = cloud
        .atlas(dir)
        .args(["tenant", "list", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// Every file under `dir` (database, WAL, logs), read as bytes.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn assert_secret_nowhere(dir: &Path, secret: &str) {
    let all = files(dir);
    assert!(!all.is_empty());
    for file in all {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the secret is in {}",
            file.display()
        );
    }
}

const KEYRING_HINT: &str = "the OS keyring must be available: run the tests inside \
     `dbus-run-session -- scripts/keyring-session.sh cargo test -p atlas-cli`";

#[test]
fn a_tenant_is_added_from_stdin_verified_and_synced() {
    let cloud = Cloud::start(2);
    let (dir, _) = workspace("Tailspin MSP");
    let t = cloud.tenant(0);
    let added = cloud.add(dir.path(), 0, "Fabrikam Retail", &t.client_secret);
    let out = added.get_output();
    assert!(
        out.status.success(),
        "{KEYRING_HINT}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Added tenant \"Fabrikam Retail\""),
        "{stdout}"
    );
    assert!(stdout.contains(&t.primary_domain), "{stdout}");
    assert!(stdout.contains("kept in the system keyring"), "{stdout}");
    assert!(!stdout.contains(&t.client_secret));

    // By name in another case, by domain, and by directory id.
    for name in [
        "fabrikam retail",
        t.primary_domain.as_str(),
        &t.tenant_id.to_string(),
    ] {
        cloud
            .atlas(dir.path())
            .args(["tenant", "verify", name])
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Connected: Fabrikam Retail issued a token",
            ));
    }

    let out = cloud
        .atlas(dir.path())
        .args(["sync", "Fabrikam Retail", "--kind", "inventory", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["kind"], "inventory");
    assert_eq!(report["succeeded"], true);
    let run = &report["runs"][0];
    assert_eq!(run["tenant"], "Fabrikam Retail");
    assert_eq!(run["outcome"], "succeeded");
    let directory = t.tenant_id.to_string();
    assert_eq!(
        run["counts"]["items"].as_i64(),
        Some(cloud.inventory_size(&directory)),
        "every policy and foundation object of the tenant: {run}"
    );
    assert_eq!(run["failures"], serde_json::json!([]));

    let list = tenant_list(&cloud, dir.path());
    let row = &list[0];
    assert_eq!(row["display_name"], "Fabrikam Retail");
    assert_eq!(row["simulated"], false);
    assert_eq!(row["connection_check"]["state"], "connected");
    assert_eq!(row["last_syncs"]["inventory"]["outcome"], "succeeded");
    assert!(row["last_syncs"].get("policies").is_none());
    cloud
        .atlas(dir.path())
        .args(["tenant", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Fabrikam Retail"))
        .stdout(predicate::str::contains("Connected"))
        .stdout(predicate::str::contains("Succeeded, just now"));

    // The text summary of a sync names the outcome and the items, and `atlas tenants` still lists.
    cloud
        .atlas(dir.path())
        .args(["sync", "fabrikam retail", "--kind", "roles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Fabrikam Retail"))
        .stdout(predicate::str::contains("Succeeded"));
    cloud
        .atlas(dir.path())
        .arg("tenants")
        .assert()
        .success()
        .stdout(predicate::str::contains("Fabrikam Retail"));
    assert_secret_nowhere(dir.path(), &t.client_secret);
}

#[test]
fn a_certificate_credential_is_read_from_pem_files() {
    let cloud = Cloud::start(1);
    let (dir, _) = workspace("Tailspin MSP");
    let t = cloud.tenant(0);
    let out = cloud
        .atlas(dir.path())
        .args(["tenant", "add", "--name", "Woodgrove", "--directory"])
        .arg(t.tenant_id.to_string())
        .arg("--client-id")
        .arg(t.client_id.to_string())
        .arg("--certificate")
        .arg(&t.certificate.certificate_path)
        .arg("--private-key")
        .arg(&t.certificate.private_key_path)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{KEYRING_HINT}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["connection"]["credential_kind"], "certificate");
    cloud
        .atlas(dir.path())
        .args(["tenant", "verify", "woodgrove"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Connected"));
    let key_body: String = t
        .certificate
        .private_key_pem
        .lines()
        .nth(1)
        .unwrap()
        .to_owned();
    assert_secret_nowhere(dir.path(), &key_body);
}

#[test]
fn bad_input_is_refused_clearly_and_stores_nothing() {
    let cloud = Cloud::start(1);
    let (dir, _) = workspace("Tailspin MSP");
    let t = cloud.tenant(0);
    let add = |args: &[&str]| {
        let mut cmd = cloud.atlas(dir.path());
        cmd.args(["tenant", "add", "--name", "Contoso"]).args(args);
        cmd
    };
    let domain = t.primary_domain.as_str();
    let client = t.client_id.to_string();

    // (directory, client id, standard input, what the operator is told)
    let refused = [
        (
            domain,
            "not-a-guid",
            "whatever\n",
            "The application (client) id must be a GUID",
        ),
        (
            "nobody-uses-this.onmicrosoft.com",
            client.as_str(),
            "whatever\n",
            "No Microsoft Entra tenant uses the domain nobody-uses-this.onmicrosoft.com",
        ),
        (
            "not a domain",
            client.as_str(),
            "whatever\n",
            "neither a directory (tenant) id nor a domain",
        ),
        (
            domain,
            client.as_str(),
            "",
            "No client secret on standard input",
        ),
    ];
    for (directory, client_id, stdin, told) in refused {
        add(&[
            "--directory",
            directory,
            "--client-id",
            client_id,
            "--secret-stdin",
        ])
        .write_stdin(stdin)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(told));
    }
    add(&[
        "--directory",
        domain,
        "--client-id",
        &client,
        "--secret-env",
        "ATLAS_TEST_UNSET_VAR",
    ])
    .env_remove("ATLAS_TEST_UNSET_VAR")
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "The environment variable ATLAS_TEST_UNSET_VAR is not set",
    ));
    // A secret can never be a plain argument, and one credential source is required.
    add(&[
        "--directory",
        domain,
        "--client-id",
        &client,
        "--secret",
        "hunter2",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("unexpected argument '--secret'"))
    .stderr(predicate::str::contains("hunter2").not());
    add(&["--directory", domain, "--client-id", &client])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--secret-stdin"));
    add(&[
        "--directory",
        domain,
        "--client-id",
        &client,
        "--certificate",
        "/nonexistent.pem",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--private-key"));

    assert_eq!(tenant_list(&cloud, dir.path()), serde_json::json!([]));
    cloud
        .atlas(dir.path())
        .args(["tenant", "verify", "Contoso"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No tenant matches \"Contoso\""));
}

#[test]
fn a_wrong_secret_is_named_by_verify_and_blocks_nothing_else() {
    let cloud = Cloud::start(1);
    let (dir, _) = workspace("Tailspin MSP");
    let added = cloud.add(
        dir.path(),
        0,
        "Northwind Traders",
        "definitely-not-the-secret",
    );
    assert!(
        added.get_output().status.success(),
        "{KEYRING_HINT}: {}",
        String::from_utf8_lossy(&added.get_output().stderr)
    );
    cloud
        .atlas(dir.path())
        .args(["tenant", "verify", "northwind traders"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "The client secret is wrong or has expired",
        ));
    let list = tenant_list(&cloud, dir.path());
    assert_eq!(list[0]["connection_check"]["state"], "failed");
    assert_eq!(
        list[0]["connection_check"]["reason_code"],
        "provider.bad_secret"
    );
    // For people: the reason in words, not its code.
    cloud
        .atlas(dir.path())
        .args(["tenant", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Connection failed: Credential refused",
        ))
        .stdout(predicate::str::contains("provider.bad_secret").not());
    assert_secret_nowhere(dir.path(), "definitely-not-the-secret");
}

#[test]
fn without_the_system_keyring_nothing_is_stored_and_the_secret_is_nowhere() {
    let cloud = Cloud::start(1);
    let (dir, _) = workspace("Tailspin MSP");
    let t = cloud.tenant(0);
    let before = tenant_list(&cloud, dir.path());
    cloud
        .atlas(dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("RUST_LOG", "debug")
        .args(["tenant", "add", "--name", "Litware", "--directory"])
        .arg(&t.primary_domain)
        .arg("--client-id")
        .arg(t.client_id.to_string())
        .arg("--secret-stdin")
        .write_stdin(format!("{}\n", t.client_secret))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "The system keyring is locked or not available",
        ))
        .stderr(predicate::str::contains(
            "never stores secrets anywhere else",
        ))
        .stderr(predicate::str::contains(&t.client_secret).not())
        .stdout(predicate::str::contains(&t.client_secret).not());
    assert_eq!(tenant_list(&cloud, dir.path()), before);
    assert_secret_nowhere(dir.path(), &t.client_secret);
}

#[test]
fn tenants_are_named_unambiguously_and_paused_ones_are_not_synced() {
    let cloud = Cloud::start(3);
    let (dir, _) = workspace("Tailspin MSP");
    for i in 0..2 {
        let secret = cloud.tenant(i).client_secret;
        let added = cloud.add(dir.path(), i, "Twin Dental", &secret);
        assert!(
            added.get_output().status.success(),
            "{KEYRING_HINT}: {}",
            String::from_utf8_lossy(&added.get_output().stderr)
        );
    }
    let secret = cloud.tenant(2).client_secret;
    cloud.add(dir.path(), 2, "Adatum", &secret).success();

    let list = tenant_list(&cloud, dir.path());
    let twin_ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["display_name"] == "Twin Dental")
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(twin_ids.len(), 2);
    let ambiguous = cloud
        .atlas(dir.path())
        .args(["tenant", "pause", "twin dental"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"twin dental\" matches 2 tenants",
        ))
        .stderr(predicate::str::contains("Name one by its id"));
    let stderr = String::from_utf8_lossy(&ambiguous.get_output().stderr).into_owned();
    assert!(twin_ids.iter().all(|id| stderr.contains(id)), "{stderr}");

    // By id it is unambiguous; a paused tenant's sync is blocked, and --all skips it.
    cloud
        .atlas(dir.path())
        .args(["tenant", "pause", &twin_ids[0]])
        .assert()
        .success()
        .stdout(predicate::str::contains("Paused Twin Dental"));
    cloud
        .atlas(dir.path())
        .args(["tenant", "pause", &twin_ids[0]])
        .assert()
        .success()
        .stdout(predicate::str::contains("already paused"));
    let out = cloud
        .atlas(dir.path())
        .args(["sync", &twin_ids[0], "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["runs"][0]["outcome"], "blocked");
    assert!(report["runs"][0]["message"]
        .as_str()
        .unwrap()
        .contains("paused"));

    let out = cloud
        .atlas(dir.path())
        .args(["sync", "--all", "--kind", "groups", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let runs = report["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "{runs:?}");
    for run in runs {
        assert_eq!(run["outcome"], "succeeded", "{run}");
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == run["tenant_id"])
            .unwrap_or_else(|| panic!("{run} is of a listed tenant"));
        let directory = listed["directory_tenant_id"].as_str().unwrap();
        assert_eq!(
            run["counts"]["items"].as_i64(),
            Some(cloud.holds(directory, |t| t.key == "group")),
            "every group of the tenant: {run}"
        );
    }
    assert_eq!(report["skipped"][0]["tenant_id"], twin_ids[0]);

    cloud
        .atlas(dir.path())
        .args(["tenant", "archive", "adatum"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Archived Adatum"));
    cloud
        .atlas(dir.path())
        .args(["tenant", "resume", &twin_ids[0]])
        .assert()
        .success()
        .stdout(predicate::str::contains("Resumed Twin Dental"));
    let list = tenant_list(&cloud, dir.path());
    let status = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|t| t["display_name"] == name)
            .map(|t| t["status"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(status("Twin Dental"), vec!["active", "active"]);
    assert_eq!(status("Adatum"), vec!["archived"]);
}

#[test]
fn sync_without_a_tenant_or_with_an_unknown_one_explains_itself() {
    let cloud = Cloud::start(1);
    let (dir, _) = workspace("Tailspin MSP");
    cloud
        .atlas(dir.path())
        .arg("sync")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<TENANT>"));
    cloud
        .atlas(dir.path())
        .args(["sync", "nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No tenant matches \"nobody\""));
    cloud
        .atlas(dir.path())
        .args(["sync", "--all", "--kind", "everything"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'everything'"));
    cloud
        .atlas(dir.path())
        .args(["sync", "--all"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no tenant was synced"));
}
