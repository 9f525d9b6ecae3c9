//! Files only their owner may read. kith creates its database, its settings and their
//! folders owner-only (0600 files, 0700 folders); this finds ones that others on the
//! computer could read (made by an older kith, copied in, or created under a loose umask)
//! and makes them owner-only, saying so. A folder is tightened only when it is kith's own
//! (named `kith`): a folder the person chose, such as their home, is theirs to set.

use std::path::{Path, PathBuf};

/// A file or folder that others could read, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loosened {
    pub path: PathBuf,
    /// Its permission bits as found (for example 0o644).
    pub was: u32,
    /// Whether it is now owner-only (false when changing it failed, for example when
    /// another user owns it).
    pub tightened: bool,
}

/// Checks a SQLite database and its write-ahead log and shared-memory files, and the folder
/// holding them when it is kith's own.
pub fn database(path: &Path) -> Vec<Loosened> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        found.extend(tighten(Path::new(&name), 0o600));
    }
    found.extend(kiths_folder(path));
    found
}

/// Checks the settings file, and the folder holding it when it is kith's own.
pub fn settings(path: &Path) -> Vec<Loosened> {
    let mut found: Vec<Loosened> = tighten(path, 0o600).into_iter().collect();
    found.extend(kiths_folder(path));
    found
}

/// The notice for `found`, one line, or `None` when there is nothing to say.
pub fn notice(found: &[Loosened]) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    let list = |done: bool| {
        found
            .iter()
            .filter(|l| l.tightened == done)
            .map(|l| format!("{} (was {:04o})", l.path.display(), l.was))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (done, failed) = (list(true), list(false));
    Some(match (done.is_empty(), failed.is_empty()) {
        (false, true) => format!("notice: others on this computer could read {done}; now only you can"),
        (true, false) => format!(
            "notice: others on this computer can read {failed}, and kith could not change that; make it yours only (chmod go-rwx)"
        ),
        _ => format!(
            "notice: others on this computer could read {done}, now only you can; kith could not change {failed} (chmod go-rwx)"
        ),
    })
}

fn kiths_folder(path: &Path) -> Option<Loosened> {
    let folder = path.parent().filter(|d| d.file_name().is_some_and(|n| n == "kith"))?;
    tighten(folder, 0o700)
}

/// Makes `path` `mode` when it exists and others could read or write it.
#[cfg(unix)]
fn tighten(path: &Path, mode: u32) -> Option<Loosened> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path).ok()?;
    let was = meta.permissions().mode() & 0o7777;
    if meta.file_type().is_symlink() || was & 0o077 == 0 {
        return None;
    }
    let tightened = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).is_ok();
    Some(Loosened { path: path.to_owned(), was, tightened })
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _mode: u32) -> Option<Loosened> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).expect("exists").permissions().mode() & 0o777
    }

    fn set(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn a_database_others_can_read_is_made_owner_only_with_its_log_and_kiths_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("kith");
        std::fs::create_dir(&dir).expect("mkdir");
        let db = dir.join("kith.db");
        for name in ["kith.db", "kith.db-wal"] {
            std::fs::write(dir.join(name), b"x").expect("write");
            set(&dir.join(name), 0o644);
        }
        set(&dir, 0o755);
        let found = database(&db);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|l| l.tightened));
        assert_eq!((mode(&db), mode(&dir.join("kith.db-wal")), mode(&dir)), (0o600, 0o600, 0o700));
        let line = notice(&found).expect("a notice");
        assert!(line.contains("kith.db (was 0644)") && !line.contains('\n'), "{line}");
        assert!(database(&db).is_empty(), "nothing left to say the second time");
    }

    #[test]
    fn a_folder_the_person_chose_is_left_as_it_is() {
        let tmp = tempfile::tempdir().expect("tempdir");
        set(tmp.path(), 0o755);
        let file = tmp.path().join("settings.toml");
        std::fs::write(&file, b"").expect("write");
        set(&file, 0o644);
        let found = settings(&file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((mode(&file), mode(tmp.path())), (0o600, 0o755));
    }
}
