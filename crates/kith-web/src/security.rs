//! Safety: loopback unless the person asks otherwise, CSRF protection on every form, and
//! headers that keep the pages from being framed, leaking the address, or running scripts
//! from anywhere but kith itself.

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use tower::ServiceBuilder;
use tower_http::csrf::CsrfLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// No inline script and nothing from another host; inline SVG needs no exception because
/// the charts are styled by the stylesheet, not by `style` attributes.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Whether a `Host` header names this computer (any port): a page from another site that
/// had its name re-pointed at 127.0.0.1 (DNS rebinding) still sends its own name here.
pub fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host
            .rsplit_once(':')
            .map_or(host, |(name, port)| if port.chars().all(|c| c.is_ascii_digit()) { name } else { host }),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

async fn local_only(request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(h) if !is_local_host(h) => (
            StatusCode::MISDIRECTED_REQUEST,
            "kith answers only to this computer's own names (127.0.0.1, localhost)\n",
        )
            .into_response(),
        _ => next.run(request).await,
    }
}

/// Puts every response behind the security layers; unless `allow_remote`, only requests
/// addressed to this computer's own names are answered.
pub fn protect(router: Router, allow_remote: bool) -> Router {
    let router = if allow_remote { router } else { router.layer(axum::middleware::from_fn(local_only)) };
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    // The headers go on first (outermost), so the CSRF refusal carries them too.
    router.layer(
        ServiceBuilder::new()
            .layer(fixed(header::CONTENT_SECURITY_POLICY, CSP))
            .layer(fixed(header::REFERRER_POLICY, "no-referrer"))
            .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
            .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .layer(CsrfLayer::new()),
    )
}

/// Refuses an address other people could reach unless `allow_remote` is set: kith has no
/// accounts yet, so anyone who can reach the port could read everything.
///
/// # Errors
/// A message with a hint, for the CLI to show.
pub fn check_addr(addr: SocketAddr, allow_remote: bool) -> Result<(), String> {
    if addr.ip().is_loopback() || allow_remote {
        Ok(())
    } else {
        Err(format!(
            "refusing to serve on {addr}: other computers could reach it, and kith has no accounts yet, so they could read everything"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_computers_names_are_local() {
        for host in
            ["127.0.0.1:7070", "localhost", "LOCALHOST:80", "[::1]:7070", "kith.localhost:1", "127.0.0.2"]
        {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["evil.example", "evil.example:7070", "192.168.1.5:7070", "127.0.0.1.evil.example"] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
