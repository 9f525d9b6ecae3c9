//! `kith config`: the numbers behind the insights, and the support contacts. They live in a
//! TOML file in the XDG config folder; every number missing from it keeps its default.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use kith_core::settings::Settings;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print every setting in force, as TOML (copy a line into the file to change it)
    Show,
    /// Print where the settings file is
    Path,
    /// The people to reach when things feel heavy, shown on the support card
    #[command(subcommand)]
    Support(Support),
}

#[derive(Debug, clap::Subcommand)]
pub enum Support {
    /// Add one: kith config support add "Dr Okafor: 020 7946 0958"
    Add {
        /// "NAME: how to reach", for example "Samaritans: 116 123"
        contact: String,
    },
    /// List them
    List,
    /// Remove one, by its number in `list` or by its text
    Remove { which: String },
}

/// `$KITH_CONFIG`, else `$XDG_CONFIG_HOME/kith/settings.toml`, else `~/.config/kith/settings.toml`.
pub fn settings_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("KITH_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(dir) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("kith/settings.toml"));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).ok_or_else(|| {
        BadInput::new("cannot tell where the settings file is: neither XDG_CONFIG_HOME nor HOME is set")
            .hint("set KITH_CONFIG to the settings file's path")
    })?;
    Ok(PathBuf::from(home).join(".config/kith/settings.toml"))
}

/// The settings in force: the file's values over the defaults. A missing file means defaults.
pub fn load_settings() -> Result<Settings> {
    let path = settings_path()?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::defaults()),
        Err(e) => {
            return Err(e).with_context(|| format!("could not read the settings file {}", path.display()));
        }
    };
    parse_settings(&text).map_err(|(line, message)| {
        BadInput::new(format!("{}:{line}: {message}", path.display()))
            .hint("fix that line, or delete it to use the default; `kith config show` lists every setting")
            .into()
    })
}

/// Parses settings text, or says on which line and why not.
fn parse_settings(text: &str) -> Result<Settings, (usize, String)> {
    toml::from_str::<Settings>(text).map_err(|e| {
        let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].lines().count().max(1));
        (line, e.message().to_owned())
    })
}

fn save_settings(settings: &Settings) -> Result<PathBuf> {
    let path = settings_path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    }
    let text = toml::to_string_pretty(settings).context("could not write the settings as TOML")?;
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("could not write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("could not replace {}", path.display()))?;
    Ok(path)
}

impl Command {
    pub fn run(self, ctx: &Context) -> Result<()> {
        match self {
            Command::Show => {
                let settings = load_settings()?;
                let text = format!(
                    "# The settings in force. Each number is explained in docs/insights.md.\n# Change one by writing its line into {}\n\n{}",
                    settings_path()?.display(),
                    toml::to_string_pretty(&settings)?
                );
                ctx.print(&serde_json::to_value(&settings)?, &text)
            }
            Command::Path => {
                let path = settings_path()?;
                ctx.print(&serde_json::json!({"path": path}), &path.display().to_string())
            }
            Command::Support(Support::Add { contact }) => {
                let contact = contact.trim().to_owned();
                if contact.is_empty()
                    || contact.chars().any(char::is_control)
                    || contact.chars().count() > 200
                {
                    return Err(BadInput::new(format!("invalid support contact {contact:?}"))
                        .hint("write it as \"NAME: how to reach\", for example \"Dr Okafor: 020 7946 0958\", in at most 200 characters")
                        .into());
                }
                let mut settings = load_settings()?;
                if !settings.support_contacts.contains(&contact) {
                    settings.support_contacts.push(contact.clone());
                }
                let path = save_settings(&settings)?;
                ctx.print(
                    &serde_json::json!({"support_contacts": settings.support_contacts}),
                    &format!("added {contact:?} to your support contacts (in {})", path.display()),
                )
            }
            Command::Support(Support::List) => {
                let settings = load_settings()?;
                let text = if settings.support_contacts.is_empty() {
                    "no support contacts yet: kith config support add \"NAME: how to reach\"".to_owned()
                } else {
                    settings
                        .support_contacts
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("{}. {c}", i + 1))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                ctx.print(&serde_json::json!({"support_contacts": settings.support_contacts}), &text)
            }
            Command::Support(Support::Remove { which }) => {
                let mut settings = load_settings()?;
                let index = match which.trim().parse::<usize>() {
                    Ok(n) if (1..=settings.support_contacts.len()).contains(&n) => Some(n - 1),
                    _ => settings.support_contacts.iter().position(|c| c == which.trim()),
                };
                let Some(index) = index else {
                    return Err(BadInput::new(format!("no support contact {which:?}"))
                        .hint("`kith config support list` shows them with their numbers")
                        .into());
                };
                let removed = settings.support_contacts.remove(index);
                save_settings(&settings)?;
                ctx.print(
                    &serde_json::json!({"support_contacts": settings.support_contacts}),
                    &format!("removed {removed:?}"),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_keeps_every_other_default() {
        let settings = parse_settings("[map]\nwindow_days = 60\n").expect("valid");
        assert_eq!(settings.map.window_days, 60);
        assert_eq!(settings.score, Settings::defaults().score);
    }

    #[test]
    fn a_bad_value_names_its_line() {
        let (line, message) =
            parse_settings("[map]\n\nwindow_days = \"soon\"\n").expect_err("a string is not a number");
        assert_eq!(line, 3, "{message}");
    }

    #[test]
    fn the_defaults_survive_a_trip_through_toml() {
        let text = toml::to_string_pretty(&Settings::defaults()).expect("serialises");
        assert_eq!(parse_settings(&text).expect("parses"), Settings::defaults());
    }
}
