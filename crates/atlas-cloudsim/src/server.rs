//! Starting and stopping a simulator: bind loopback, serve until stopped or dropped.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::SimulatorConfig;
use crate::credentials::TenantCredentials;
use crate::error::SimError;
use crate::generate::generate;
use crate::http::{router, AppState};
use crate::model::Cloud;
use crate::token::TokenSigner;

/// The simulated Microsoft cloud.
#[derive(Debug)]
pub struct Simulator;

impl Simulator {
    /// Generates the tenants and serves them on `127.0.0.1` (the configured port or an
    /// ephemeral one).
    pub async fn start(config: SimulatorConfig) -> Result<RunningSimulator, SimError> {
        config.validate()?;
        let cloud = Arc::new(Cloud::new(generate(
            config.seed,
            config.tenants,
            config.policies_per_tenant,
        )));
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port.unwrap_or(0)));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let state = Arc::new(AppState {
            cloud: cloud.clone(),
            signer: TokenSigner::random(),
            clock: config.clock.clone(),
            config,
            host: addr.to_string(),
        });
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(state);
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    // A dropped sender (the handle was dropped) stops the server too.
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, tenants = cloud.tenants().len(), "simulated Microsoft cloud listening");
        Ok(RunningSimulator {
            addr,
            cloud,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// A serving simulator; stops gracefully on `stop().await` or when dropped.
#[derive(Debug)]
pub struct RunningSimulator {
    addr: SocketAddr,
    cloud: Arc<Cloud>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningSimulator {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: both the authority and the Graph root.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The tenants and their data (mutable through each tenant's lock).
    pub fn cloud(&self) -> &Arc<Cloud> {
        &self.cloud
    }

    /// Connection details of every tenant, for a CLI to print or a test to use.
    pub fn credentials(&self) -> Vec<TenantCredentials> {
        let base = self.base_url();
        self.cloud
            .tenants()
            .iter()
            .map(|t| TenantCredentials::new(&t.info, &base))
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
