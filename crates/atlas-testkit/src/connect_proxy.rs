//! An HTTP `CONNECT` proxy that sends chosen host names to one local address: how a test points
//! an unmodified client (one that only knows `https://graph.microsoft.com` and
//! `https://login.microsoftonline.com`) at the simulated cloud. The client is given
//! `HTTPS_PROXY=http://127.0.0.1:PORT`; the names resolve to loopback here, in the test process,
//! never in system files. The tunnel carries TLS end to end, so the client verifies the
//! simulator's certificate (issued for those names) against the CA it was told to trust.
//!
//! A `CONNECT` to any other host is refused with 403 and recorded, so a test can say that
//! nothing tried to leave the machine.

use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The longest request head a client may send before the tunnel opens.
const MAX_HEAD: usize = 8 * 1024;

/// A running proxy; stops when dropped.
#[derive(Debug)]
pub struct ConnectProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<BTreeMap<String, usize>>>,
    refused: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl ConnectProxy {
    /// Listens on an ephemeral loopback port; `CONNECT name:443` for every name in `hosts`
    /// goes to `target`.
    pub async fn start(hosts: &[&str], target: SocketAddr) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let allowed: Arc<Vec<String>> = Arc::new(hosts.iter().map(|h| h.to_string()).collect());
        let seen = Arc::new(Mutex::new(BTreeMap::new()));
        let refused = Arc::new(Mutex::new(Vec::new()));
        let (seen_in, refused_in) = (seen.clone(), refused.clone());
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (allowed, seen, refused) =
                    (allowed.clone(), seen_in.clone(), refused_in.clone());
                tokio::spawn(async move {
                    // A client that hangs up mid-tunnel is its own business.
                    let _ = tunnel(client, &allowed, target, &seen, &refused).await;
                });
            }
        });
        Ok(Self {
            addr,
            seen,
            refused,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, the value for `HTTPS_PROXY`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Tunnels opened, by host name.
    pub fn tunnels(&self) -> BTreeMap<String, usize> {
        self.seen.lock().unwrap().clone()
    }

    /// `CONNECT` targets that were refused (hosts not routed here).
    pub fn refused(&self) -> Vec<String> {
        self.refused.lock().unwrap().clone()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn tunnel(
    mut client: TcpStream,
    allowed: &[String],
    target: SocketAddr,
    seen: &Mutex<BTreeMap<String, usize>>,
    refused: &Mutex<Vec<String>>,
) -> io::Result<()> {
    let head = read_head(&mut client).await?;
    let authority = head
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("CONNECT "))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_default()
        .to_owned();
    let host = authority.strip_suffix(":443").unwrap_or_default();
    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) {
        refused.lock().unwrap().push(authority);
        client
            .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .await?;
        return Ok(());
    }
    let mut upstream = TcpStream::connect(target).await?;
    *seen
        .lock()
        .unwrap()
        .entry(host.to_ascii_lowercase())
        .or_default() += 1;
    client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

/// The request head, up to the blank line (a `CONNECT` carries no body).
async fn read_head(client: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() >= MAX_HEAD || client.read(&mut byte).await? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "no complete request head",
            ));
        }
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn connect(proxy: &ConnectProxy, authority: &str) -> (String, TcpStream) {
        let mut stream = TcpStream::connect(proxy.addr).await.unwrap();
        stream
            .write_all(
                format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n").as_bytes(),
            )
            .await
            .unwrap();
        let status = read_head(&mut stream).await.unwrap();
        (status, stream)
    }

    #[tokio::test]
    async fn routed_names_reach_the_target_and_others_are_refused() {
        let echo = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let target = echo.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut peer, _) = echo.accept().await.unwrap();
            let mut buf = [0u8; 4];
            peer.read_exact(&mut buf).await.unwrap();
            peer.write_all(&buf).await.unwrap();
        });
        let proxy = ConnectProxy::start(&["graph.microsoft.com"], target)
            .await
            .unwrap();

        let (status, mut stream) = connect(&proxy, "graph.microsoft.com:443").await;
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        stream.write_all(b"ping").await.unwrap();
        let mut back = [0u8; 4];
        stream.read_exact(&mut back).await.unwrap();
        assert_eq!(&back, b"ping");

        let (status, _) = connect(&proxy, "example.com:443").await;
        assert!(status.starts_with("HTTP/1.1 403"), "{status}");
        assert_eq!(proxy.refused(), vec!["example.com:443".to_owned()]);
        assert_eq!(proxy.tunnels().get("graph.microsoft.com"), Some(&1));
    }
}
