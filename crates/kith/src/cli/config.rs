//! `kith config`: the numbers behind the insights, and the support contacts. They live in a
//! TOML file in the XDG config folder; every number missing from it keeps its default.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use kith_store::settings_file::{self, SettingsError};

/// The settings in force, with a bad file reported as bad input (exit 2).
pub fn load_settings() -> Result<kith_core::Settings> {
    let path = settings_file::path().map_err(settings_error)?;
    settings_file::load(&path).map_err(settings_error)
}

fn settings_error(e: SettingsError) -> anyhow::Error {
    match e {
        SettingsError::NoHome => {
            BadInput::new(e.to_string()).hint("set KITH_CONFIG to the settings file's path").into()
        }
        SettingsError::Invalid { .. } => BadInput::new(e.to_string())
            .hint("fix that line, or delete it to use the default; `kith config show` lists every setting")
            .into(),
        other => anyhow::Error::new(other),
    }
}

fn save_settings(settings: &kith_core::Settings) -> Result<std::path::PathBuf> {
    let path = settings_file::path().map_err(settings_error)?;
    settings_file::save(&path, settings).map_err(settings_error)?;
    Ok(path)
}

fn settings_path() -> Result<std::path::PathBuf> {
    settings_file::path().map_err(settings_error)
}

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

impl Command {
    pub fn run(self, ctx: &Context) -> Result<()> {
        match self {
            Command::Show => {
                let settings = load_settings()?;
                let text = format!(
                    "# The settings in force. Each number is explained in docs/insights.md.\n# Change one by writing its line into {}\n\n{}",
                    settings_path()?.display(),
                    settings_file::to_toml(&settings).context("could not show the settings as TOML")?
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
