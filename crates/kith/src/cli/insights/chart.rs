//! The connection map as a character chart, laid out as on the web page: how it feels
//! (across, draining on the left) against how often (up, often at the top), each person's
//! name at their point, the quadrant lines at the thresholds in force, and the quadrant names
//! in their corners.

use kith_core::settings::MapSettings;
use kith_core::{MapEntry, Quadrant};

const WIDTH: usize = 64;
const HEIGHT: usize = 15;
/// The least frequency drawn: once in four months. Rarer contact sits at the bottom edge.
const MIN_PER_MONTH: f64 = 0.25;

/// Draws the people who have a quadrant; the others are listed, not guessed.
pub fn chart(entries: &[MapEntry], settings: &MapSettings) -> String {
    let placed: Vec<(&MapEntry, f64)> =
        entries.iter().filter_map(|e| e.quadrant.and(e.energy).map(|y| (e, y))).collect();
    let most = placed.iter().map(|(e, _)| e.per_month).fold(settings.frequent_per_month * 4.0, f64::max);
    let (lo, hi) = (MIN_PER_MONTH.ln(), most.max(1.0).ln());
    let row = |per_month: f64| -> usize {
        let t = (per_month.max(MIN_PER_MONTH).ln() - lo) / (hi - lo);
        (((1.0 - t) * (HEIGHT - 1) as f64).round() as usize).min(HEIGHT - 1)
    };
    let column = |energy: f64| -> usize {
        (((energy.clamp(-2.0, 2.0) + 2.0) / 4.0) * (WIDTH - 1) as f64).round() as usize
    };

    let mut grid = vec![vec![' '; WIDTH]; HEIGHT];
    let (mid_col, mid_row) = (column(settings.draining_below), row(settings.frequent_per_month));
    for (r, line) in grid.iter_mut().enumerate() {
        line[mid_col] = if r == mid_row { '┼' } else { '│' };
    }
    for (c, cell) in grid[mid_row].iter_mut().enumerate() {
        if c != mid_col {
            *cell = '─';
        }
    }
    let corners = [
        (Quadrant::DrainingFrequent, 0, 0, false),
        (Quadrant::EnergisingFrequent, 0, WIDTH, true),
        (Quadrant::DrainingRare, HEIGHT - 1, 0, false),
        (Quadrant::EnergisingRare, HEIGHT - 1, WIDTH, true),
    ];
    for (quadrant, r, c, from_right) in corners {
        let label: Vec<char> = quadrant.label().chars().collect();
        let start = if from_right { c.saturating_sub(label.len()) } else { c };
        write(&mut grid[r], start, &label);
    }
    let mut people = placed;
    people.sort_by(|a, b| b.0.per_month.total_cmp(&a.0.per_month).then_with(|| a.0.name.cmp(&b.0.name)));
    for (entry, energy) in people {
        let label: Vec<char> = std::iter::once('●').chain(short_name(&entry.name).chars()).collect();
        let (r0, c0) = (row(entry.per_month), column(energy));
        let spot = [0i64, -1, 1, -2, 2, -3, 3].iter().find_map(|dr| {
            let r = usize::try_from(r0 as i64 + dr).ok().filter(|r| *r < HEIGHT)?;
            let c = if c0 + label.len() <= WIDTH { c0 } else { WIDTH - label.len() };
            free(&grid[r], c, label.len()).then_some((r, c))
        });
        if let Some((r, c)) = spot {
            write(&mut grid[r], c, &label);
        }
    }
    let mut out = String::from("  often\n");
    for (r, line) in grid.iter().enumerate() {
        out.push_str(if r == mid_row { "   ┤" } else { "   │" });
        out.push_str(line.iter().collect::<String>().trim_end());
        out.push('\n');
    }
    out.push_str("   └");
    out.push_str(&"─".repeat(WIDTH));
    out.push('\n');
    let mut scale = vec![' '; WIDTH + 4];
    write(&mut scale, 3, &"-2".chars().collect::<Vec<_>>());
    write(&mut scale, 4 + mid_col, &['0']);
    write(&mut scale, WIDTH + 2, &"+2".chars().collect::<Vec<_>>());
    out.push_str(scale.iter().collect::<String>().trim_end());
    out.push('\n');
    let words = "draining ← how it feels → energising";
    let pad = (WIDTH + 4).saturating_sub(words.chars().count()) / 2;
    out.push_str(&format!("{}{words}\n", " ".repeat(pad)));
    out.push_str(&format!(
        "  rarely (the line across: {} a month)\n",
        trim_number(settings.frequent_per_month)
    ));
    out
}

fn short_name(name: &str) -> String {
    let mut short: String = name.chars().take(12).collect();
    if name.chars().count() > 12 {
        short.pop();
        short.push('…');
    }
    short
}

fn free(line: &[char], start: usize, len: usize) -> bool {
    // A space on either side keeps neighbouring names apart.
    let from = start.saturating_sub(1);
    let to = (start + len + 1).min(line.len());
    line.get(from..to).is_some_and(|cells| cells.iter().all(|c| matches!(c, ' ' | '│' | '─' | '┼')))
}

fn write(line: &mut [char], start: usize, text: &[char]) {
    for (cell, ch) in line.iter_mut().skip(start).zip(text) {
        *cell = *ch;
    }
}

fn trim_number(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::PersonId;

    fn entry(name: &str, quadrant: Option<Quadrant>, energy: Option<f64>, per_month: f64) -> MapEntry {
        MapEntry {
            person_id: PersonId::from_random_bytes([name.len() as u8; 16]),
            name: name.to_owned(),
            quadrant,
            energy,
            per_month,
            interactions: 0,
            rated: 0,
            suggested_cadence_days: None,
            suggestion: String::new(),
        }
    }

    #[test]
    fn every_person_with_a_quadrant_appears_at_their_point() {
        let entries = vec![
            entry("Priya", Some(Quadrant::EnergisingFrequent), Some(1.6), 9.0),
            entry("Noor", Some(Quadrant::EnergisingFrequent), Some(1.5), 8.5),
            entry("Grandma Rosa Alvarez", Some(Quadrant::EnergisingRare), Some(1.8), 0.7),
            entry("Jonah", Some(Quadrant::DrainingFrequent), Some(-1.2), 24.0),
            entry("Chris", Some(Quadrant::DrainingRare), Some(-0.8), 0.5),
            entry("New friend", None, None, 1.0),
        ];
        let drawn = chart(&entries, &MapSettings::defaults());
        insta::assert_snapshot!(drawn);
        for name in ["Priya", "Noor", "Grandma Ros…", "Jonah", "Chris"] {
            assert!(drawn.contains(name), "{name} is on the chart");
        }
        assert!(!drawn.contains("New friend"), "too few ratings are listed, not drawn");
    }
}
