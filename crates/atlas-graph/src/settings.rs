//! Where Graph is and how hard the client may use it. Defaults: Microsoft's public cloud and
//! Intune's published per-tenant limits.

use std::time::Duration;

use url::Url;

#[derive(Debug, Clone)]
pub struct GraphSettings {
    /// Token authority root, e.g. `https://login.microsoftonline.com`.
    pub authority: Url,
    /// Graph root, e.g. `https://graph.microsoft.com`.
    pub graph_root: Url,
    /// Requests per tenant per window the client allows itself (Intune: 1,000 / 20 s).
    pub requests_per_window: u32,
    /// Writes (POST/PATCH/PUT/DELETE) per tenant per window (Intune: 100 / 20 s).
    pub writes_per_window: u32,
    pub window: Duration,
    /// Added to the window the client counts against, so network jitter cannot make the
    /// service see more than the limit in its own window.
    pub window_margin: Duration,
    /// Requests (or `$batch` calls) one tenant may have in flight at once.
    pub max_in_flight: usize,
    /// Retries of one request after 429/503/5xx before giving up.
    pub max_retries: u32,
    /// Longest wait between retries, whatever `Retry-After` says.
    pub max_backoff: Duration,
    pub request_timeout: Duration,
    /// Refresh a cached token this long before it expires.
    pub token_refresh_margin: Duration,
    /// Extra trusted root certificate (PEM), e.g. the simulated cloud's over HTTPS.
    pub extra_root_pem: Option<Vec<u8>>,
}

impl Default for GraphSettings {
    fn default() -> Self {
        Self {
            authority: Url::parse("https://login.microsoftonline.com").expect("valid URL"),
            graph_root: Url::parse("https://graph.microsoft.com").expect("valid URL"),
            requests_per_window: 1_000,
            writes_per_window: 100,
            window: Duration::from_secs(20),
            window_margin: Duration::from_millis(500),
            max_in_flight: 4,
            max_retries: 5,
            max_backoff: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
            token_refresh_margin: Duration::from_secs(120),
            extra_root_pem: None,
        }
    }
}

impl GraphSettings {
    /// Settings pointing at another authority and Graph root (the simulated cloud).
    pub fn for_endpoints(authority: Url, graph_root: Url) -> Self {
        Self {
            authority,
            graph_root,
            ..Self::default()
        }
    }
}
