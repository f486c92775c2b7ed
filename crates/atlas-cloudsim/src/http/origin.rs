//! The scheme and host a client used to reach us, so every link we return (`@odata.nextLink`,
//! OpenID metadata) works behind a proxy and under any host name.

use axum::http::{header, HeaderMap};

/// `scheme://host` of the request: `X-Forwarded-Proto` / `X-Forwarded-Host` when a proxy set
/// them (first value of a list), else the scheme of our own origin (`own`, `http(s)://host`:
/// HTTPS when the listener is TLS) and the `Host` header.
pub(crate) fn base_url(headers: &HeaderMap, own: &str) -> String {
    let (own_scheme, fallback_host) = own.split_once("://").unwrap_or(("http", own));
    let first = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let scheme = first("x-forwarded-proto")
        .filter(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_else(|| own_scheme.to_owned());
    let host = first("x-forwarded-host")
        .or_else(|| first(header::HOST.as_str()))
        .unwrap_or_else(|| fallback_host.to_owned());
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn forwarded_headers_win_over_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:1234"));
        assert_eq!(base_url(&headers, "x"), "http://127.0.0.1:1234");
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https, http"));
        headers.insert(
            "x-forwarded-host",
            HeaderValue::from_static("graph.example.test"),
        );
        assert_eq!(base_url(&headers, "x"), "https://graph.example.test");
        assert_eq!(
            base_url(&HeaderMap::new(), "127.0.0.1:9"),
            "http://127.0.0.1:9"
        );
        let mut tls = HeaderMap::new();
        tls.insert(header::HOST, HeaderValue::from_static("localhost:9"));
        assert_eq!(base_url(&tls, "https://127.0.0.1:9"), "https://localhost:9");
    }
}
