//! The SVG charts, as snapshots: small, deterministic, escaped, and described for screen readers.

use jiff::civil::date;
use kith_core::*;
use kith_web::{Bar, capacity_chart, felt_over_time, heat_map, quadrant_chart, score_trend, split_bar};

fn entry(n: u8, name: &str, q: Option<Quadrant>, energy: f64, per_month: f64) -> MapEntry {
    MapEntry {
        person_id: PersonId::from_random_bytes([n; 16]),
        name: name.into(),
        quadrant: q,
        energy: Some(energy),
        per_month,
        interactions: 6,
        rated: 6,
        suggested_cadence_days: None,
        suggestion: String::new(),
    }
}

#[test]
fn the_quadrant_chart_places_and_escapes_every_name() {
    let map = ConnectionMap {
        window_days: 90,
        people: vec![
            entry(1, "Sam", Some(Quadrant::EnergisingFrequent), 1.5, 8.0),
            entry(2, "Ann <&> Bo", Some(Quadrant::DrainingRare), -1.0, 1.0),
            entry(3, "New", None, 0.0, 0.5),
        ],
    };
    let svg = quadrant_chart(&map, 4.0);
    assert!(svg.contains("Ann &lt;&amp;&gt; Bo") && !svg.contains("Ann <&>"));
    insta::assert_snapshot!(svg);
}

#[test]
fn the_score_trend_draws_a_bar_a_week() {
    let weeks: Vec<WeekScore> = (0..4)
        .map(|i| WeekScore {
            week_start: date(2026, 11, 2 + i * 7),
            score: [40.0, 55.5, 20.0, 35.0][i as usize],
            interactions: 5,
        })
        .collect();
    insta::assert_snapshot!(score_trend(&weeks));
}

#[test]
fn the_heat_map_starts_on_the_right_weekday() {
    let days: Vec<_> = (0..10).map(|i| (date(2026, 11, 11 + i), [0, 1, 2, 4][i as usize % 4])).collect();
    insta::assert_snapshot!(heat_map(&days));
}

#[test]
fn split_bars_felt_and_capacity_charts_describe_their_numbers() {
    let split = split_bar(
        "online",
        "Offline against online",
        &[
            Bar { label: "in person and calls".into(), value: 6, class: "offline" },
            Bar { label: "messages".into(), value: 2, class: "online" },
        ],
    );
    assert!(split.contains("in person and calls: 6; messages: 2"));
    insta::assert_snapshot!("split", split);
    let felt = felt_over_time(&[(date(2026, 1, 5), 2), (date(2026, 3, 1), -1), (date(2026, 6, 9), 1)]);
    insta::assert_snapshot!("felt", felt);
    for date in ["5 Jan", "23 Mar", "9 Jun"] {
        assert!(felt.contains(&format!(">{date}</text>")), "the felt chart is dated: {date}");
    }
    let cap = capacity_chart(&[
        (date(2026, 11, 17), Some(3), 1.0),
        (date(2026, 11, 18), None, 0.0),
        (date(2026, 11, 19), Some(1), 2.5),
    ]);
    insta::assert_snapshot!("capacity", cap);
}

/// The activity calendar's levels read the same way in light and dark: an empty day is the
/// card's own colour with an outline, and each level stands apart from the one below it
/// (WCAG contrast ratio at least 1.3 between neighbours), so no empty day looks like level 1.
#[test]
fn the_activity_levels_step_apart_in_light_and_dark() {
    let css = include_str!("../../static/kith.css");
    let dark_at = css.find("prefers-color-scheme: dark").expect("a dark block");
    for (mode, block) in [("light", &css[..dark_at]), ("dark", &css[dark_at..])] {
        let colour = |name: &str| -> f64 {
            let at = block.find(&format!("--{name}: #")).unwrap_or_else(|| panic!("{mode}: --{name}"))
                + name.len()
                + 5;
            let hex = &block[at..at + 6];
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
                if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        };
        let contrast = |a: f64, b: f64| (a.max(b) + 0.05) / (a.min(b) + 0.05);
        assert!((colour("l0") - colour("card")).abs() < 1e-9, "{mode}: an empty day is the card's colour");
        for (lower, upper) in [("l0", "l1"), ("l1", "l2"), ("l2", "l3")] {
            let ratio = contrast(colour(lower), colour(upper));
            assert!(ratio >= 1.3, "{mode}: {lower} and {upper} are too alike ({ratio:.2})");
        }
    }
    assert!(css.contains(".day.l0 { fill: var(--l0); stroke: var(--line)"), "an empty day is outlined");
}
