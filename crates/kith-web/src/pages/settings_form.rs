//! The numbers behind the rules as a form: a group per section, a field per number with its
//! default and what it does. The words come from README.md's settings table, the one place
//! each number is explained, so the page and the README cannot drift apart. The TOML box
//! stays for those who would rather edit text.

use crate::fields::{FieldErrors, Fields};
use kith_core::Settings;
use std::collections::HashMap;
use toml::{Table, Value};

const README: &str = include_str!("../../../../README.md");

/// One number (or list) in the form.
pub struct SettingField {
    /// `section.key`, as in the settings file; also the form field's name.
    pub name: String,
    /// The key in words: `window_days` is "window days".
    pub label: String,
    /// The id of the input, safe in HTML ids and CSS selectors.
    pub id: String,
    /// The value in force, or as typed when the form came back with an error.
    pub value: String,
    pub default: String,
    /// What it does and why, from the README, in plain text.
    pub help: String,
    /// Numbers are typed with a decimal keyboard on a phone.
    pub numeric: bool,
    pub changed: bool,
    pub error: String,
}

/// A section of the settings file.
pub struct SettingGroup {
    pub key: String,
    pub title: &'static str,
    pub fields: Vec<SettingField>,
    /// How many values differ from their defaults, for the group's summary line.
    pub changed: usize,
    /// Open when something in it was refused, so the error is seen.
    pub open: bool,
}

/// The sections of the settings file with their titles, in the order the page shows them
/// (the order of the docs).
const SECTIONS: [(&str, &str); 11] = [
    ("day", "When a day begins"),
    ("map", "Connection map"),
    ("score", "Weekly connection score"),
    ("one_a_day", "One a day"),
    ("capacity", "Capacity and saying no"),
    ("signals", "Withdrawal signals"),
    ("support", "The support card"),
    ("reach_out", "Who to reach out to"),
    ("suggestions", "Suggestions"),
    ("report", "Reports"),
    ("ladder", "The ladder"),
];

/// The title of a section of the settings file, and where it comes on the page.
fn title(section: &str) -> (usize, &'static str) {
    SECTIONS
        .iter()
        .position(|(key, _)| *key == section)
        .map_or((SECTIONS.len(), "Other"), |i| (i, SECTIONS[i].1))
}

/// Markdown to plain text: code marks and emphasis dropped, a link kept as its words.
fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let linked = rest[open..].find("](").and_then(|mid| {
            let close = rest[open + mid..].find(')')?;
            Some((open + mid, open + mid + close))
        });
        match linked {
            Some((mid, close)) if !rest[open + 1..mid].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..mid]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out.replace(['`', '*'], "")
}

/// README's settings table: `section.key` to what it does, in plain text.
fn help_texts() -> HashMap<&'static str, String> {
    let Some(start) = README.find("| setting | default |") else { return HashMap::new() };
    README[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        .filter_map(|row| {
            let mut cells = row.trim_matches('|').splitn(3, " | ");
            let key = cells.next()?.trim().trim_matches('`');
            let _default = cells.next()?;
            let text = cells.next()?.trim().trim_end_matches('|').trim();
            Some((key, plain(text)))
        })
        .collect()
}

/// A value as the form shows it: a list as "a, b, c".
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Float(f) => format!("{f:?}"),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The settings as a TOML table of sections (the support contacts left out: they have
/// their own box).
fn sections(settings: &Settings) -> Table {
    match Value::try_from(settings) {
        Ok(Value::Table(mut t)) => {
            t.retain(|_, v| v.is_table());
            t
        }
        _ => Table::new(),
    }
}

/// The groups for the page. `typed` is the form as sent when it came back with `errors`.
pub fn groups(settings: &Settings, typed: Option<&Fields>, errors: &FieldErrors) -> Vec<SettingGroup> {
    let help = help_texts();
    let defaults = sections(&Settings::defaults());
    let mut groups: Vec<SettingGroup> = sections(settings)
        .into_iter()
        .filter_map(|(section, values)| {
            let Value::Table(values) = values else { return None };
            let fields: Vec<SettingField> = values
                .iter()
                .map(|(key, value)| {
                    let name = format!("{section}.{key}");
                    let default =
                        defaults.get(&section).and_then(|s| s.get(key)).map(shown).unwrap_or_default();
                    let value = typed.map_or_else(|| shown(value), |f| f.raw(&name));
                    SettingField {
                        id: format!("set-{section}-{key}"),
                        label: key.replace('_', " "),
                        help: help.get(name.as_str()).cloned().unwrap_or_default(),
                        numeric: matches!(values.get(key), Some(Value::Integer(_) | Value::Float(_))),
                        changed: value.trim() != default,
                        error: errors.of(&name).to_owned(),
                        value,
                        default,
                        name,
                    }
                })
                .collect();
            let changed = fields.iter().filter(|f| f.changed).count();
            let open = fields.iter().any(|f| !f.error.is_empty());
            Some(SettingGroup { title: title(&section).1, key: section, fields, changed, open })
        })
        .collect();
    groups.sort_by_key(|g| title(&g.key).0);
    groups
}

/// `raw` read as the same kind of value as `like`; blank means the default.
fn typed_value(raw: &str, like: &Value, default: &Value) -> Result<Value, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(default.clone());
    }
    match like {
        Value::Integer(_) => raw.parse::<i64>().map(Value::Integer).map_err(|_| "a whole number".to_owned()),
        Value::Float(_) => raw
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Value::Float)
            .ok_or_else(|| "a number, such as 0.5".to_owned()),
        Value::Boolean(_) => match raw.to_lowercase().as_str() {
            "true" | "yes" => Ok(Value::Boolean(true)),
            "false" | "no" => Ok(Value::Boolean(false)),
            _ => Err("yes or no".to_owned()),
        },
        Value::Array(items) => {
            // An empty list in force gives no example: read it as the default's kind, or as words.
            let element = items.first().or_else(|| default.as_array().and_then(|d| d.first()));
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|item| match element {
                    Some(e @ (Value::Integer(_) | Value::Float(_))) => {
                        typed_value(item, e, e).map_err(|why| {
                            format!("a list of numbers separated by commas (“{item}” is not {why})")
                        })
                    }
                    _ => Ok(Value::String(item.to_owned())),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        _ => Ok(Value::String(raw.to_owned())),
    }
}

/// The settings as the form sets them, or the errors beside each field. A value left blank
/// goes back to its default; a field not sent keeps the value in force.
pub fn read(settings: &Settings, form: &Fields) -> Result<Settings, FieldErrors> {
    let mut errors = FieldErrors::default();
    let defaults = sections(&Settings::defaults());
    let mut table = sections(settings);
    for (section, values) in &mut table {
        let Value::Table(values) = values else { continue };
        for (key, value) in values.iter_mut() {
            let name = format!("{section}.{key}");
            if !form.0.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let default = defaults.get(section).and_then(|s| s.get(key)).unwrap_or(value);
            match typed_value(&form.raw(&name), value, default) {
                // Each value is checked alone, so a refusal is told beside its own field.
                Ok(new) => match alone_fits(section, key, &new) {
                    Ok(()) => *value = new,
                    Err(why) => errors.add(&name, why),
                },
                Err(expected) => errors.add(&name, format!("Please give {expected}.")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut all = Table::new();
    all.insert(
        "support_contacts".into(),
        Value::try_from(&settings.support_contacts).unwrap_or(Value::Array(vec![])),
    );
    all.extend(table);
    kith_store::settings_file::parse(&all.to_string()).map_err(|(_, message)| {
        let mut errors = FieldErrors::default();
        errors.add("settings", format!("{message}. Nothing was changed."));
        errors
    })
}

/// Whether `value` is accepted for `section.key` with every other setting at its default.
fn alone_fits(section: &str, key: &str, value: &Value) -> Result<(), String> {
    let mut one = Table::new();
    one.insert(key.to_owned(), value.clone());
    let mut doc = Table::new();
    doc.insert(section.to_owned(), Value::Table(one));
    match kith_store::settings_file::parse(&doc.to_string()) {
        Ok(_) => Ok(()),
        Err((_, message)) => Err(format!("This value is not accepted: {message}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        Fields(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    #[test]
    fn every_number_has_a_field_with_its_default_and_the_readme_s_words() {
        let groups = groups(&Settings::defaults(), None, &FieldErrors::default());
        let fields: Vec<&SettingField> = groups.iter().flat_map(|g| &g.fields).collect();
        assert!(fields.len() > 100, "{} fields", fields.len());
        let unexplained: Vec<&str> =
            fields.iter().filter(|f| f.help.is_empty()).map(|f| f.name.as_str()).collect();
        assert!(unexplained.is_empty(), "no words in README.md for {unexplained:?}");
        assert!(fields.iter().all(|f| !f.changed && !f.help.contains('`')));
        let window = fields.iter().find(|f| f.name == "map.window_days").expect("map.window_days");
        assert_eq!(
            (window.value.as_str(), window.label.as_str(), window.numeric),
            ("90", "window days", true)
        );
        let lists = fields.iter().find(|f| f.name == "signals.contacts_windows_days").expect("a list");
        assert_eq!(lists.value, "14, 21, 28");
        assert!(groups.iter().all(|g| g.title != "Other"), "every section has a title");
        let order: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(order, SECTIONS.map(|(key, _)| key), "in the docs' order");
    }

    #[test]
    fn links_keep_their_words() {
        assert_eq!(plain("see [docs/insights.md](docs/insights.md) and `x`"), "see docs/insights.md and x");
        assert_eq!(plain("a [bracket] alone"), "a [bracket] alone");
    }

    #[test]
    fn a_changed_number_a_list_and_a_blank_are_read_and_the_rest_kept() {
        let mut before = Settings::defaults();
        before.map.min_rated = 5;
        before.support_contacts = vec!["Dr Okafor: 020 7946 0958".into()];
        let after = read(
            &before,
            &form(&[
                ("map.window_days", "60"),
                ("signals.contacts_windows_days", "21, 28"),
                ("map.min_rated", " "),
                ("score.in_person", "2"),
                ("suggestions.groups", "choir, running club"),
            ]),
        )
        .expect("valid");
        assert_eq!(after.map.window_days, 60);
        assert_eq!(after.signals.contacts_windows_days, vec![21, 28]);
        assert_eq!(after.map.min_rated, Settings::defaults().map.min_rated, "blank is the default");
        assert!((after.score.in_person - 2.0).abs() < f64::EPSILON);
        assert_eq!(after.suggestions.groups, vec!["choir".to_owned(), "running club".to_owned()]);
        assert_eq!(after.support_contacts, before.support_contacts, "contacts are not the form's");
        assert_eq!(after.signals.recent_days, before.signals.recent_days);
    }

    #[test]
    fn a_value_that_does_not_fit_is_named_beside_its_field() {
        let errors = read(
            &Settings::defaults(),
            &form(&[
                ("map.window_days", "ninety"),
                ("signals.contacts_windows_days", "14, x"),
                ("day.starts_at", "25:00"),
            ]),
        )
        .expect_err("refused");
        assert_eq!(errors.of("map.window_days"), "Please give a whole number.");
        assert!(errors.of("signals.contacts_windows_days").contains("“x”"), "{:?}", errors.0);
        assert!(!errors.of("day.starts_at").is_empty(), "{:?}", errors.0);
        let shown = groups(&Settings::defaults(), Some(&form(&[("map.window_days", "ninety")])), &errors);
        let map = shown.iter().find(|g| g.key == "map").expect("map");
        assert!(map.open, "the group with the error opens");
        assert_eq!(
            map.fields.iter().find(|f| f.name == "map.window_days").map(|f| f.value.as_str()),
            Some("ninety")
        );
    }
}
