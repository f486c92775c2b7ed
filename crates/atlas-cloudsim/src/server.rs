//! Starting and stopping a simulator: bind loopback, serve HTTP or HTTPS until stopped or
//! dropped.

use std::fmt::Debug;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::serve::Listener;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::certificate::AppCertificate;
use crate::config::SimulatorConfig;
use crate::credentials::{CertificateCredential, TenantCredentials};
use crate::error::SimError;
use crate::files::SimulatorFiles;
use crate::generate::{generate, generate_fleet};
use crate::http::{router, AppState};
use crate::model::Cloud;
use crate::tls::{TlsIdentity, TlsListener};
use crate::token::TokenSigner;

/// The simulated Microsoft cloud.
#[derive(Debug)]
pub struct Simulator;

impl Simulator {
    /// Generates the tenants and serves them on `127.0.0.1` (the configured port or an
    /// ephemeral one), over HTTPS when the configuration asks for TLS.
    pub async fn start(config: SimulatorConfig) -> Result<RunningSimulator, SimError> {
        config.validate()?;
        let layout = if config.fleet {
            generate_fleet
        } else {
            generate
        };
        let cloud = Arc::new(Cloud::new(layout(
            config.seed,
            config.tenants,
            config.policies_per_tenant,
        )));
        // RSA key generation is CPU-bound: keep it off the async workers.
        let seed = config.seed;
        let certificate = tokio::task::spawn_blocking(move || AppCertificate::for_seed(seed))
            .await
            .map_err(|e| SimError::Certificates(e.to_string()))??;
        let tls = if config.tls {
            Some(TlsIdentity::generate(&config.tls_names)?)
        } else {
            None
        };
        let files = SimulatorFiles::write(
            certificate.certificate_pem(),
            certificate.private_key_pem(),
            tls.as_ref().map(|t| t.ca_pem.as_str()),
            config.ca_pem_path.as_deref(),
        )?;

        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port.unwrap_or(0)));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let state = Arc::new(AppState {
            cloud: cloud.clone(),
            signer: TokenSigner::random(),
            clock: config.clock.clone(),
            config,
            host: format!("{scheme}://{addr}"),
            certificate: certificate.clone(),
        });
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(state);
        let task = match &tls {
            Some(identity) => {
                let listener = TlsListener::new(listener, identity.config.clone())
                    .map_err(|source| SimError::Bind { addr, source })?;
                serve(listener, app, stopped)
            }
            None => serve(listener, app, stopped),
        };
        tracing::info!(%addr, scheme, tenants = cloud.tenants().len(), "simulated Microsoft cloud listening");
        Ok(RunningSimulator {
            addr,
            scheme,
            cloud,
            certificate,
            ca_pem: tls.map(|t| t.ca_pem),
            files,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// Serves `app` on `listener` until `stopped` fires or its sender is dropped, then lets
/// in-flight requests finish.
fn serve<L>(
    listener: L,
    app: Router,
    stopped: oneshot::Receiver<()>,
) -> JoinHandle<std::io::Result<()>>
where
    L: Listener,
    L::Addr: Debug,
{
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    })
}

/// A serving simulator; stops gracefully on `stop().await` or when dropped.
#[derive(Debug)]
pub struct RunningSimulator {
    addr: SocketAddr,
    scheme: &'static str,
    cloud: Arc<Cloud>,
    certificate: Arc<AppCertificate>,
    ca_pem: Option<String>,
    files: SimulatorFiles,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningSimulator {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (`https://` with TLS): both the authority and the Graph root.
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// The CA certificate (PEM) clients must trust to reach this simulator over HTTPS; `None`
    /// without TLS.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// Where that CA certificate is written; the file lives as long as the simulator (unless
    /// the configuration named the path).
    pub fn ca_pem_path(&self) -> Option<&Path> {
        self.files.ca_pem_path.as_deref()
    }

    /// The certificate registered on every simulated app registration.
    pub fn app_certificate(&self) -> &AppCertificate {
        &self.certificate
    }

    /// The tenants and their data (mutable through each tenant's lock).
    pub fn cloud(&self) -> &Arc<Cloud> {
        &self.cloud
    }

    /// Connection details of every tenant, for a CLI to print or a test to use.
    pub fn credentials(&self) -> Vec<TenantCredentials> {
        let base = self.base_url();
        let certificate = CertificateCredential {
            thumbprint: self.certificate.thumbprint(),
            certificate_pem: self.certificate.certificate_pem().to_owned(),
            private_key_pem: self.certificate.private_key_pem().to_owned(),
            certificate_path: self.files.app_certificate_path.clone(),
            private_key_path: self.files.app_private_key_path.clone(),
        };
        self.cloud
            .tenants()
            .iter()
            .map(|t| TenantCredentials::new(&t.info, &base, &certificate))
            .collect()
    }

    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn stop(mut self) -> Result<(), SimError> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.task.take() {
            Some(task) => match task.await {
                Ok(result) => result.map_err(SimError::Serve),
                Err(join) => Err(SimError::Serve(std::io::Error::other(join))),
            },
            None => Ok(()),
        }
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
