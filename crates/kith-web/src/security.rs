//! Safety: loopback unless the person asks otherwise, CSRF protection on every form, and
//! headers that keep the pages from being framed, leaking the address, or running scripts
//! from anywhere but kith itself.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use std::net::SocketAddr;
use tower::ServiceBuilder;
use tower_http::csrf::CsrfLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// No inline script and nothing from another host; inline SVG needs no exception because
/// the charts are styled by the stylesheet, not by `style` attributes.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Puts every response behind the security layers.
pub fn protect(router: Router) -> Router {
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
