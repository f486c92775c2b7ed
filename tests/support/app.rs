//! The running desktop app under WebDriver, shared by the end-to-end tests and the UI
//! benchmark: launch with a private home and data folder, find, read, screenshot, quit.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use atlas_testkit::{eventually, poll_until};
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::{
    net::TcpStream,
    process::{Child, Command},
    time::{timeout, Instant},
};

pub const WAIT: Duration = Duration::from_secs(30);

/// One running app: tauri-driver (which starts WebKitWebDriver, which starts the app) and a
/// WebDriver session on it.
pub struct App {
    pub client: Client,
    driver: Child,
    pub data: PathBuf,
    _home: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The desktop binary under test: this build's, or an installed one
/// (`TENANTATLAS_E2E_APP=/usr/bin/tenantatlas`, as the package test runs it).
pub fn app_binary() -> String {
    std::env::var("TENANTATLAS_E2E_APP")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_tenantatlas").to_owned())
}

pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl App {
    /// Starts the app with `prepare` run on the empty data folder first.
    pub async fn launch(prepare: impl FnOnce(&Path)) -> App {
        Self::launch_with_env(prepare, &[]).await
    }

    /// [`App::launch`] with extra environment variables for the app (say, where exports go).
    pub async fn launch_with_env(prepare: impl FnOnce(&Path), env: &[(&str, &Path)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need a display: run them through scripts/test.sh (xvfb-run)"
        );
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        prepare(&data);
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join(".local/share"))
            .env("XDG_CONFIG_HOME", home.path().join(".config"))
            .env("XDG_CACHE_HOME", home.path().join(".cache"))
            .env("TENANTATLAS_DATA_DIR", &data)
            .env("TENANTATLAS_USER", "e2e-operator")
            // Real-world latency in the demo cloud, so progress can be seen while it happens.
            .env("TENANTATLAS_DEMO_LATENCY_MS", "60")
            .env_remove("TENANTATLAS_DATABASE_URL")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("tauri-driver is installed (cargo install tauri-driver --locked)");

        eventually(
            WAIT,
            &format!("tauri-driver to listen on port {port}"),
            || async { TcpStream::connect(("127.0.0.1", port)).await.ok() },
        )
        .await;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        let client = timeout(
            WAIT,
            ClientBuilder::native()
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}")),
        )
        .await
        .expect("a WebDriver session within 30 s")
        .expect("a WebDriver session");
        App {
            client,
            driver,
            data,
            _home: home,
        }
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Closes every toast on screen, as an operator does when toasts cover what they want to
    /// click (they stack in the bottom-left corner), and waits until none is left.
    pub async fn dismiss_toasts(&self) {
        let script = "document.querySelectorAll('.mantine-Notification-closeButton')\
            .forEach(button => button.click()); \
            return document.querySelectorAll('.mantine-Notification-root').length;";
        eventually(WAIT, "the toasts to close", || async {
            let left = self.client.execute(script, vec![]).await.ok()?;
            (left.as_u64() == Some(0)).then_some(())
        })
        .await;
    }

    /// Clicks `css` as an operator would: a toast that arrives meanwhile (a background run of
    /// the demo finishing) is closed and the click tried again, a few times.
    pub async fn click_clear(&self, css: &str) {
        for attempt in 0..5 {
            self.dismiss_toasts().await;
            match self.wait_for(css).await.click().await {
                Ok(_) => return,
                Err(fantoccini::error::CmdError::Standard(e))
                    if attempt < 4
                        && matches!(
                            e.error,
                            fantoccini::error::ErrorStatus::ElementClickIntercepted
                                | fantoccini::error::ErrorStatus::ElementNotInteractable
                        ) =>
                {
                    tokio::time::sleep(Duration::from_millis(400)).await;
                }
                Err(e) => panic!("{css} could not be clicked: {e}"),
            }
        }
    }

    /// The `textContent` of every match (WebKitWebDriver's element text skips some badges).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script =
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);";
        let value = self.client.execute(script, vec![css.into()]).await.unwrap();
        serde_json::from_value(value).unwrap()
    }

    /// Resizes the window (outer size, as a user would drag it).
    pub async fn set_size(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// Whether an element matching `css` whose text contains `text` lies wholly inside the
    /// window's width: not scrolled away, not cut off at the right edge.
    pub async fn in_view(&self, css: &str, text: &str) -> bool {
        let script = "const [css, text] = arguments; \
             const el = Array.from(document.querySelectorAll(css)).find(e => e.textContent.includes(text)); \
             if (!el) return false; const r = el.getBoundingClientRect(); \
             return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth;";
        let value = self
            .client
            .execute(script, vec![css.into(), text.into()])
            .await
            .unwrap();
        value.as_bool().unwrap_or(false)
    }

    /// Elements that scroll sideways now (the page itself, or a scroll container in it whose
    /// content is wider than it is), named by test id or class; empty when everything fits.
    pub async fn horizontal_overflow(&self) -> Vec<String> {
        let script = "const root = document.scrollingElement || document.documentElement; \
             const out = []; \
             if (root.scrollWidth > root.clientWidth + 1) out.push('page'); \
             for (const el of document.querySelectorAll('body *')) { \
               const x = getComputedStyle(el).overflowX; \
               if ((x === 'auto' || x === 'scroll') && el.clientWidth > 0 \
                   && el.scrollWidth > el.clientWidth + 1) { \
                 out.push(el.getAttribute('data-testid') || el.className || el.tagName); \
               } \
             } \
             return out;";
        let value = self.client.execute(script, vec![]).await.unwrap();
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The webview's own screenshot, for looking at after a run. (WebKitWebDriver leaves out
    /// fixed and sticky elements, and under automation the X window is not repainted, so a
    /// display grab would be stale; `scripts/screenshot.sh` shows the whole app.)
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    /// Ends the session and makes sure the app process is gone before the next test starts
    /// (the app is single-instance: a lingering one would swallow the next launch): asked to
    /// stop for 3 s, then killed; still there after 10 s is a failure.
    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
        let marker = format!("TENANTATLAS_DATA_DIR={}", self.data.display());
        let asked = Instant::now();
        let gone = || {
            let alive = processes_with_env(&marker);
            let signal = match asked.elapsed() < Duration::from_secs(3) {
                true => "-TERM",
                false => "-KILL",
            };
            for pid in &alive {
                let _ = std::process::Command::new("kill")
                    .args([signal, pid])
                    .status();
            }
            std::future::ready(alive.is_empty().then_some(()))
        };
        eventually(Duration::from_secs(10), "the app's processes to exit", gone).await;
    }
}

/// A test that panicked never reached [`App::quit`]: its app must not outlive it, or the
/// single-instance app would swallow the next test's launch.
impl Drop for App {
    fn drop(&mut self) {
        let marker = format!("TENANTATLAS_DATA_DIR={}", self.data.display());
        for pid in processes_with_env(&marker) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status();
        }
    }
}

/// Pids of processes whose environment contains `entry` (this test's app and its helpers).
fn processes_with_env(entry: &str) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    dir.flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            pid.parse::<u32>().ok()?;
            let environ = std::fs::read(e.path().join("environ")).ok()?;
            environ
                .split(|b| *b == 0)
                .any(|v| v == entry.as_bytes())
                .then_some(pid)
        })
        .collect()
}

impl App {
    /// Waits for `css` and clicks it.
    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("{css} could not be clicked: {e}"));
    }

    /// First run → "Create demo workspace", then its overview.
    pub async fn create_demo_workspace(&self) {
        self.click("[data-testid=create-demo-workspace]").await;
        self.wait_for("[data-testid=overview-page]").await;
    }

    /// Goes to an address of the app (a HashRouter route).
    pub async fn open(&self, route: &str) {
        self.client
            .execute("window.location.hash = arguments[0];", vec![route.into()])
            .await
            .unwrap();
    }

    /// Waits until some element matching `css` has text containing `needle`, and returns the
    /// texts of all matches.
    pub async fn wait_for_text(&self, css: &str, needle: &str, within: Duration) -> Vec<String> {
        let found = poll_until(within, || async {
            let texts = self.texts(css).await;
            texts.iter().any(|t| t.contains(needle)).then_some(texts)
        })
        .await;
        match found {
            Some(texts) => texts,
            None => {
                let texts = self.texts(css).await;
                panic!("timed out after {within:?} waiting for a {css} containing {needle:?}: {texts:?}")
            }
        }
    }
}
