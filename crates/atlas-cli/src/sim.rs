//! `atlas sim serve`: the simulated Microsoft cloud on its own, for trying clients against it.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use atlas_cloudsim::{describe, Faults, Simulator, SimulatorConfig, ThrottleMode, ThrottleStorm};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// Serve the simulated Entra token endpoint and Graph API until Ctrl-C / SIGTERM, printing
    /// the tenants and the (simulated) credentials they accept. Faults given as flags apply
    /// from the start; at run time, faults, drift and statistics are under `/_sim/`
    /// (GET/PUT/DELETE /_sim/faults, POST /_sim/tenants/{id}/drift, GET /_sim/stats,
    /// POST /_sim/tokens/expire).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (default: any free port).
    #[arg(long)]
    port: Option<u16>,
    /// Number of customer tenants.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=500))]
    tenants: u16,
    /// Policies generated per tenant.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    policies: u32,
    /// Seed of the generated tenants (same seed, same tenants).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Intune's real per-tenant limits, or none.
    #[arg(long, value_enum, default_value_t = Throttle::Real)]
    throttle: Throttle,
    /// Delay added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Serve HTTPS with a certificate authority generated at start; clients must trust its
    /// certificate (the printed CA path).
    #[arg(long)]
    tls: bool,
    /// Write the generated CA certificate (PEM) here (default: a temporary file removed on stop).
    #[arg(long, value_name = "PATH", requires = "tls")]
    ca_pem: Option<PathBuf>,
    /// Fault: share of Graph requests answered with a 5xx (0 to 1).
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    fault_5xx_rate: f64,
    /// Fault: share of Graph answers whose JSON body is cut off (0 to 1).
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    fault_malformed_rate: f64,
    /// Fault: answer the next N Graph requests with 429 (a throttling storm).
    #[arg(long, value_name = "N")]
    fault_429_storm: Option<u64>,
    /// Fault: every page after the first has a cut-off body.
    #[arg(long)]
    fault_truncated_pages: bool,
    /// Fault: every `@odata.nextLink` leads nowhere.
    #[arg(long)]
    fault_broken_next_link: bool,
    /// Fault: these object ids answer 500 when read (repeatable).
    #[arg(long, value_name = "ID")]
    fault_fail_object: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Throttle {
    Real,
    Off,
}

pub async fn run(command: &SimCommand, json: bool) -> ExitCode {
    let SimCommand::Serve(args) = command;
    let config = SimulatorConfig {
        seed: args.seed,
        tenants: args.tenants.into(),
        policies_per_tenant: args.policies as usize,
        throttle: match args.throttle {
            Throttle::Real => ThrottleMode::Real,
            Throttle::Off => ThrottleMode::Off,
        },
        latency: Duration::from_millis(args.latency_ms),
        port: args.port,
        tls: args.tls,
        ca_pem_path: args.ca_pem.clone(),
        faults: Faults {
            server_error_rate: args.fault_5xx_rate,
            malformed_json_rate: args.fault_malformed_rate,
            throttle_storm: args.fault_429_storm.map(|n| ThrottleStorm {
                requests: Some(n),
                ..ThrottleStorm::default()
            }),
            truncated_page: args.fault_truncated_pages,
            broken_next_link: args.fault_broken_next_link,
            fail_objects: args.fault_fail_object.clone(),
            ..Faults::default()
        },
        ..Default::default()
    };
    let sim = match Simulator::start(config).await {
        Ok(sim) => sim,
        Err(err) => {
            eprintln!("error: the simulated cloud cannot start: {err}");
            return ExitCode::from(2);
        }
    };
    let credentials = sim.credentials();
    if json {
        let listing = serde_json::json!({
            "base_url": sim.base_url(),
            "ca_pem_path": sim.ca_pem_path(),
            "tenants": credentials,
        });
        println!("{listing}");
    } else {
        println!(
            "Simulated Microsoft cloud at {} (simulated tenants only)",
            sim.base_url()
        );
        if let Some(ca) = sim.ca_pem_path() {
            println!(
                "HTTPS certificate authority (trust it in clients): {}",
                ca.display()
            );
        }
        println!();
        print!("{}", describe(&credentials));
        println!("\nCtrl-C to stop.");
    }
    crate::maintenance::wait_for_signal().await;
    match sim.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: the simulated cloud did not stop cleanly: {err}");
            ExitCode::FAILURE
        }
    }
}
