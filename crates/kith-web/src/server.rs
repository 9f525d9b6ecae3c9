//! The router (every page, the API and the feed, behind the security layers) and the HTTP
//! server around it (docs/web.md "Running the server"): how long a client may take over its
//! headers and its body, and a clean stop. On SIGTERM (systemd, Docker,
//! `timeout`) or Ctrl-C the server stops accepting, lets the requests in flight finish for
//! up to [`GRACE`] (a second signal cuts them at once), and deletes the uploads it kept on
//! disk.

use crate::app::AppState;
use crate::error::AppError;
use crate::{api, feed, pages, security};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// How long requests in flight may take to finish once a stop is asked for. Ten seconds is
/// Docker's wait between SIGTERM and SIGKILL (systemd waits 90 s): a preview or an import
/// under way has that long to finish, and a stop never hangs on a client that went quiet.
pub const GRACE: Duration = Duration::from_secs(10);

/// How long a client may take; `kith serve --header-timeout` and `--body-timeout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest a request's headers may take to arrive. 10 s: a phone on a poor line sends
    /// a few hundred bytes of headers in well under a second; a client that takes longer is
    /// holding the connection open, not sending a request.
    pub header_timeout: Duration,
    /// The longest wait for the next piece of a request's body. 15 s: an upload that stalls
    /// that long has lost its network; a slow one that keeps sending is never cut.
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self { header_timeout: Duration::from_secs(10), body_timeout: Duration::from_secs(15) }
    }
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C). The handlers are installed when this is called,
/// so a signal that arrives before the server is up is not lost. Needs a Tokio runtime.
pub fn stop_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            match (term, int) {
                (Ok(mut term), Ok(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = int.recv() => {}
                    }
                }
                // Without handlers the default action (exit) still applies; never stop by mistake.
                _ => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    async move {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Serves `state` on `listener` until `stop` resolves, then stops as the module says.
pub(crate) async fn run(
    state: AppState,
    listener: TcpListener,
    limits: Limits,
    stop: impl Future<Output = ()> + Send,
) {
    let app = router(state.clone());
    let (stopping, stopped) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, app.clone(), limits, stopped.clone()));
                }
                // Out of file handles or similar: wait a moment rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    tracing::info!(in_flight = connections.len(), "stopping");
    let _ = stopping.send(true);
    // A second SIGTERM or Ctrl-C means "now": the person does not want to wait.
    let again = stop_signal();
    let finished = tokio::select! {
        drained = tokio::time::timeout(GRACE, async {
            while connections.join_next().await.is_some() {}
        }) => drained.is_ok(),
        () = again => connections.is_empty(),
    };
    if !finished {
        tracing::warn!(cut = connections.len(), "requests still running after the grace period were cut");
        connections.abort_all();
    }
    state.uploads().remove_all();
}

/// One connection: HTTP/1.1 with the header timeout, each body behind the body timeout, and a
/// graceful close (finish the request in flight, then close) once the server is stopping.
async fn connection(stream: TcpStream, app: Router, limits: Limits, mut stopping: watch::Receiver<bool>) {
    let body_timeout = limits.body_timeout;
    let service = tower::service_fn(move |request: axum::http::Request<Incoming>| {
        let app = app.clone();
        async move { app.oneshot(request.map(|body| TimeoutBody::new(body_timeout, body))).await }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopping.wait_for(|s| *s) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// Every page, the API, the feed and the static files, behind the security layers, with
/// each request logged, gzipped when the browser asks.
pub fn router(state: AppState) -> Router {
    security::protect(
        Router::new()
            .merge(pages::routes())
            .nest("/api", api::routes())
            .merge(feed::routes())
            .with_state(state.clone()),
        state.config().allow_remote,
    )
    .layer(axum::middleware::from_fn(crate::observe::observe))
    .layer(tower_http::compression::CompressionLayer::new())
}

/// Serves `state` on `addr` until SIGTERM or Ctrl-C, within `limits` (this module).
///
/// # Errors
/// When the address cannot be bound.
pub async fn serve(state: AppState, addr: SocketAddr, limits: Limits) -> Result<(), AppError> {
    let stop = stop_signal();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| AppError::Bind { addr: addr.to_string(), source })?;
    run(state, listener, limits, stop).await;
    Ok(())
}

/// Serves `state` on a listener already bound (tests bind port 0) until SIGTERM or Ctrl-C.
pub async fn serve_on(state: AppState, listener: tokio::net::TcpListener) {
    serve_until(state, listener, Limits::default(), stop_signal()).await;
}

/// Serves `state` on `listener` within `limits` until `stop` resolves, then stops cleanly.
pub async fn serve_until(
    state: AppState,
    listener: tokio::net::TcpListener,
    limits: Limits,
    stop: impl std::future::Future<Output = ()> + Send,
) {
    run(state, listener, limits, stop).await;
}
