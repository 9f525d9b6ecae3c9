//! `kith history`: what happened, oldest first, as text or JSON, each with the short id that
//! `kith log edit` and `kith log delete` take. Reads in windows of time so that ten years of
//! history stream out in little memory.

use crate::cli::transfer::windows;
use crate::context::Context;
use crate::exit::invalid;
use crate::{json, resolve};
use anyhow::Result;
use kith_core::parse_when;
use kith_store::{Access, InteractionFilter, Repo};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only time with this person
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only from this time on
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    since: Option<String>,
}

impl Args {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let since =
            self.since.as_deref().map(|r| parse_when("since", r, &ctx.now).map_err(invalid)).transpose()?;
        let as_json = ctx.json;
        let mut tx = ctx.begin(Access::Read).await?;
        let person = match self.person.as_deref() {
            Some(name) => Some(resolve::person(&mut tx, name, None).await?),
            None => None,
        };
        let names = json::names(&tx.people(true).await?);
        let span = tx.interaction_span().await?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        if as_json {
            write!(out, "{{\"interactions\":[")?;
        }
        let (mut count, mut last_day) = (0usize, None);
        for (from, until) in windows(span, since.as_ref().map(|s| s.timestamp())) {
            let filter = InteractionFilter {
                since: Some(from),
                until: Some(until),
                person: person.as_ref().map(|p| p.id),
            };
            for i in tx.interactions(&filter).await? {
                if as_json {
                    if count > 0 {
                        write!(out, ",")?;
                    }
                    serde_json::to_writer(&mut out, &json::InteractionOut::new(&i, &names))?;
                } else {
                    let day = i.at.local_date();
                    if last_day != Some(day) {
                        writeln!(out, "{}", day.strftime("%a %-d %b %Y"))?;
                        last_day = Some(day);
                    }
                    let who: Vec<&str> =
                        i.people.iter().filter_map(|p| names.get(p).map(String::as_str)).collect();
                    // The short id first: what `kith log edit` and `delete` take.
                    let mut line = format!(
                        "  {}  {}  {:<13}",
                        i.id.short(),
                        i.at.local().strftime("%H:%M"),
                        i.mode.label()
                    );
                    line.push_str(
                        &i.minutes
                            .map(|m| format!("{:>4} min", m.get()))
                            .unwrap_or_else(|| "        ".into()),
                    );
                    line.push_str(&format!("  {}", who.join(", ")));
                    if let Some(f) = i.felt {
                        line.push_str(&format!("  felt {:+}", f.value()));
                    }
                    for t in &i.tags {
                        line.push_str(&format!(" #{}", t.as_str()));
                    }
                    if !i.meaningful {
                        line.push_str("  (trivial)");
                    }
                    if let Some(n) = &i.note {
                        line.push_str(&format!("  \"{}\"", n.as_str().replace('\n', " ")));
                    }
                    writeln!(out, "{line}")?;
                }
                count += 1;
            }
        }
        if as_json {
            writeln!(out, "]}}")?;
        } else if count == 0 {
            writeln!(
                out,
                "nothing logged yet{}",
                if since.is_some() || person.is_some() { " for that" } else { "" }
            )?;
        }
        out.flush()?;
        Ok(())
    }
}
