//! Where the data lives: a SQLite file, or a PostgreSQL server.

use std::fmt;
use std::path::PathBuf;

/// A database location given by `--db` or `KITH_DB`.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file, created owner-only when missing.
    Sqlite(PathBuf),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Location {
    /// Reads `--db`: a URL starting `postgres://` or `postgresql://` means PostgreSQL;
    /// `sqlite:` prefixes are dropped; anything else is a file path.
    pub fn parse(raw: &str) -> Self {
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Location::Postgres(raw.to_owned())
        } else {
            let path = raw.strip_prefix("sqlite://").or_else(|| raw.strip_prefix("sqlite:")).unwrap_or(raw);
            Location::Sqlite(PathBuf::from(path))
        }
    }
}

/// Shows a location without the password a URL may hold.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => write!(f, "{}://…{}", &url[..scheme], &url[at..]),
                _ => f.write_str(url),
            },
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend_and_hide_passwords() {
        let pg = Location::parse("postgres://kith:secret@127.0.0.1:5433/kith");
        assert!(matches!(pg, Location::Postgres(_)));
        assert!(!pg.to_string().contains("secret"), "{pg}");
        assert_eq!(Location::parse("sqlite:/tmp/k.db"), Location::Sqlite("/tmp/k.db".into()));
        assert_eq!(Location::parse("k.db"), Location::Sqlite("k.db".into()));
    }
}
