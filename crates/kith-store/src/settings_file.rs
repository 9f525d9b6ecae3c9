//! The settings file: the numbers behind the insights and the support contacts, as TOML
//! in the XDG config folder. Every number missing from the file keeps its default.

use kith_core::Settings;
use std::path::{Path, PathBuf};

/// What can go wrong with the settings file.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot tell where the settings file is: neither XDG_CONFIG_HOME nor HOME is set")]
    NoHome,
    #[error("{path}:{line}: {message}")]
    Invalid { path: String, line: usize, message: String },
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not write the settings as TOML: {0}")]
    Write(#[from] toml::ser::Error),
}

/// `$KITH_CONFIG`, else `$XDG_CONFIG_HOME/kith/settings.toml`, else `~/.config/kith/settings.toml`.
///
/// # Errors
/// When none of those variables is set.
pub fn path() -> Result<PathBuf, SettingsError> {
    if let Some(path) = std::env::var_os("KITH_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(dir) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("kith/settings.toml"));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).ok_or(SettingsError::NoHome)?;
    Ok(PathBuf::from(home).join(".config/kith/settings.toml"))
}

/// The settings in force: the file's values over the defaults. A missing file means defaults.
///
/// # Errors
/// When the file cannot be read, or a value in it does not fit (naming the line).
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::defaults()),
        Err(source) => {
            return Err(SettingsError::Io { action: "read", path: path.display().to_string(), source });
        }
    };
    parse(&text).map_err(|(line, message)| SettingsError::Invalid {
        path: path.display().to_string(),
        line,
        message,
    })
}

/// Parses settings text, or says on which line and why not.
pub fn parse(text: &str) -> Result<Settings, (usize, String)> {
    toml::from_str::<Settings>(text).map_err(|e| {
        let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].lines().count().max(1));
        (line, e.message().to_owned())
    })
}

/// The settings as TOML text.
///
/// # Errors
/// When a value cannot be written as TOML.
pub fn to_toml(settings: &Settings) -> Result<String, SettingsError> {
    Ok(toml::to_string_pretty(settings)?)
}

/// Writes the settings, replacing the file in one step so a crash never leaves half a file.
///
/// # Errors
/// When the folder or file cannot be written.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let io = |action: &'static str, p: &Path| {
        let path = p.display().to_string();
        move |source| SettingsError::Io { action, path, source }
    };
    // Owner-only, like the database: the file names the person's support contacts.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(io("create", dir))?;
    }
    let text = to_toml(settings)?;
    let tmp = path.with_extension("toml.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        std::io::Write::write_all(&mut f, text.as_bytes())?;
        f.sync_all()
    });
    written.map_err(io("write", &tmp))?;
    std::fs::rename(&tmp, path).map_err(io("replace", path))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::Settings;

    #[cfg(unix)]
    #[test]
    fn the_file_and_its_new_folder_are_owner_only_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("kith/settings.toml");
        save(&path, &Settings::defaults()).expect("saved");
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("folder")), 0o700);
        save(&path, &Settings::defaults()).expect("saved again over the first");
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_partial_file_keeps_every_other_default() {
        let settings = parse("[map]\nwindow_days = 60\n").expect("valid");
        assert_eq!(settings.map.window_days, 60);
        assert_eq!(settings.score, Settings::defaults().score);
    }

    #[test]
    fn a_bad_value_names_its_line() {
        let (line, message) =
            parse("[map]\n\nwindow_days = \"soon\"\n").expect_err("a string is not a number");
        assert_eq!(line, 3, "{message}");
    }

    #[test]
    fn the_defaults_survive_a_trip_through_toml() {
        let text = to_toml(&Settings::defaults()).expect("serialises");
        assert_eq!(parse(&text).expect("parses"), Settings::defaults());
    }
}
