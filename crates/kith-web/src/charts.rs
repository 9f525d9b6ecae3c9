//! Charts drawn on the server as small SVG documents: deterministic (snapshot-tested), no
//! script, no fonts. Colours come from the stylesheet through classes, so they follow light
//! and dark mode, and the CSP needs no exception for inline styles. Each chart carries a
//! title and a description for screen readers; the pages also show the numbers as text.

use jiff::civil::Date;
use kith_core::{ConnectionMap, MapEntry, Quadrant, WeekScore};
use std::fmt::Write as _;

/// Escapes text for SVG content and attributes (askama does not see inside `|safe`).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn open(id: &str, width: u32, height: u32, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    )
}

/// Font sizes of the map's labels, as the stylesheet sets them, in the chart's own units.
const NAME_FONT: f64 = 13.0;
const QUADRANT_FONT: f64 = 14.0;

/// A label's box in the chart's units.
#[derive(Debug, Clone, Copy)]
struct Box2 {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Box2 {
    /// The box `text` takes with its baseline at `y`, anchored at `x`: widths estimated at
    /// 0.62 of the font size a character (wider than most system fonts set them), heights from
    /// the ascent to the descent.
    fn of_text(text: &str, x: f64, y: f64, anchor: &str, font: f64) -> Self {
        let width = text.chars().count() as f64 * font * 0.62;
        let left = match anchor {
            "end" => x - width,
            "middle" => x - width / 2.0,
            _ => x,
        };
        Self { left, right: left + width, top: y - font * 0.85, bottom: y + font * 0.25 }
    }

    fn inside(&self, frame: &Box2) -> bool {
        self.left >= frame.left + 2.0
            && self.right <= frame.right - 2.0
            && self.top >= frame.top + 2.0
            && self.bottom <= frame.bottom - 2.0
    }

    fn clear_of(&self, other: &Box2) -> bool {
        const GAP: f64 = 2.0;
        self.right + GAP <= other.left
            || other.right + GAP <= self.left
            || self.bottom + GAP <= other.top
            || other.bottom + GAP <= self.top
    }
}

/// Where a name fits near its point: right of it, left of it, above, below, then further
/// away step by step; `None` when nowhere near fits (the list below the chart still names
/// everyone).
fn label_spot(
    name: &str,
    x: f64,
    y: f64,
    frame: &Box2,
    taken: &[Box2],
) -> Option<(f64, f64, &'static str, Box2)> {
    let near: [(f64, f64, &'static str); 4] = [
        (x + 8.0, y + 4.0, "start"),
        (x - 8.0, y + 4.0, "end"),
        (x, y - 9.0, "middle"),
        (x, y + 17.0, "middle"),
    ];
    let farther = (1..=8).flat_map(|step| {
        let d = f64::from(step) * 14.0;
        [
            (x + 8.0, y + 4.0 - d, "start"),
            (x + 8.0, y + 4.0 + d, "start"),
            (x - 8.0, y + 4.0 - d, "end"),
            (x - 8.0, y + 4.0 + d, "end"),
        ]
    });
    near.into_iter().chain(farther).find_map(|(lx, ly, anchor)| {
        let b = Box2::of_text(name, lx, ly, anchor, NAME_FONT);
        (b.inside(frame) && taken.iter().all(|t| b.clear_of(t))).then_some((lx, ly, anchor, b))
    })
}

/// The connection map: energy across, frequency up, with the quadrant names and a point
/// per person who has enough ratings, each name placed where it fits.
pub fn quadrant_chart(map: &ConnectionMap, frequent_per_month: f64) -> String {
    let (w, h, pad) = (420.0_f64, 380.0_f64, 30.0_f64);
    let placed: Vec<_> = map.people.iter().filter(|p| p.quadrant.is_some() && p.energy.is_some()).collect();
    let desc = format!(
        "{} people placed by how time with them feels (left draining, right energising) and how often you are in touch (up is more often); {} more without enough ratings yet.",
        placed.len(),
        map.people.len() - placed.len()
    );
    let mut s = open("map", w as u32, h as u32, "Connection map", &desc);
    // Frequency on a square-root scale, so weekly and monthly people do not crowd the floor.
    let top = placed.iter().map(|p| p.per_month).fold(frequent_per_month * 2.0, f64::max);
    let y_of = |per_month: f64| h - pad - (per_month.max(0.0) / top).sqrt() * (h - 2.0 * pad);
    let x_of = |energy: f64| pad + (energy.clamp(-2.0, 2.0) + 2.0) / 4.0 * (w - 2.0 * pad);
    let mid_x = x_of(0.0);
    let mid_y = y_of(frequent_per_month);
    let _ = write!(
        s,
        "<rect class=\"frame\" x=\"{pad}\" y=\"{pad}\" width=\"{}\" height=\"{}\"/>",
        w - 2.0 * pad,
        h - 2.0 * pad
    );
    let _ = write!(
        s,
        "<line class=\"mid\" x1=\"{mid_x:.1}\" y1=\"{pad}\" x2=\"{mid_x:.1}\" y2=\"{}\"/>",
        h - pad
    );
    let _ = write!(
        s,
        "<line class=\"mid\" x1=\"{pad}\" y1=\"{mid_y:.1}\" x2=\"{}\" y2=\"{mid_y:.1}\"/>",
        w - pad
    );
    // Labels are placed one by one where they fit inside the frame without touching one
    // placed before: widths are estimated generously from the font size (text scales with the
    // chart, so the layout holds at any width).
    let frame = Box2 { left: pad, right: w - pad, top: pad, bottom: h - pad };
    let mut taken: Vec<Box2> = Vec::new();
    for (q, x, y, anchor) in [
        (Quadrant::DrainingFrequent, pad + 6.0, pad + 16.0, "start"),
        (Quadrant::EnergisingFrequent, w - pad - 6.0, pad + 16.0, "end"),
        (Quadrant::DrainingRare, pad + 6.0, h - pad - 8.0, "start"),
        (Quadrant::EnergisingRare, w - pad - 6.0, h - pad - 8.0, "end"),
    ] {
        let label = q.label().split(':').next().unwrap_or_default();
        taken.push(Box2::of_text(label, x, y, anchor, QUADRANT_FONT));
        let _ = write!(
            s,
            "<text class=\"quadrant\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            esc(label)
        );
    }
    let _ = write!(
        s,
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">draining ← how it feels → energising</text>",
        w / 2.0,
        h - 10.0
    );
    let _ = write!(
        s,
        "<text class=\"axis\" x=\"14\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {})\">how often →</text>",
        h / 2.0,
        h / 2.0
    );
    let mut points: Vec<(f64, f64, &MapEntry)> =
        placed.iter().map(|p| (x_of(p.energy.unwrap_or(0.0)), y_of(p.per_month), *p)).collect();
    points.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.total_cmp(&b.0)));
    // The points themselves are kept clear of labels too.
    taken.extend(points.iter().map(|(x, y, _)| Box2 {
        left: x - 5.0,
        right: x + 5.0,
        top: y - 5.0,
        bottom: y + 5.0,
    }));
    for (x, y, p) in &points {
        let class = p.quadrant.map_or("", |q| q.as_str());
        let spot = label_spot(&p.name, *x, *y, &frame, &taken);
        let _ = write!(s, "<g class=\"point {class}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"/>");
        if let Some((lx, ly, anchor, b)) = spot {
            let far = (lx - x).abs() > 12.0 || (ly - 4.0 - y).abs() > 12.0;
            if far {
                // A label moved away from its point keeps a thin line back to it.
                let (ex, ey) = (b.left.max(x.min(b.right)), b.top.max(y.min(b.bottom)));
                let _ = write!(
                    s,
                    "<line class=\"leader\" x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{ex:.1}\" y2=\"{ey:.1}\"/>"
                );
            }
            let _ = write!(
                s,
                "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text>",
                esc(&p.name)
            );
            taken.push(b);
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// Weekly connection scores as bars, oldest on the left.
pub fn score_trend(weeks: &[WeekScore]) -> String {
    let (w, h, pad) = (420.0_f64, 200.0_f64, 24.0_f64);
    let max = weeks.iter().map(|k| k.score).fold(1.0, f64::max);
    let desc = weeks
        .iter()
        .map(|k| format!("week of {}: {:.0}", k.week_start.strftime("%-d %b"), k.score))
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = open("score", w as u32, h as u32, "Connection score by week", &desc);
    let n = weeks.len().max(1) as f64;
    let slot = (w - 2.0 * pad) / n;
    let _ = write!(
        s,
        "<line class=\"base\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        h - pad,
        w - pad,
        h - pad
    );
    for (i, k) in weeks.iter().enumerate() {
        let bh = k.score / max * (h - 2.0 * pad - 14.0);
        let x = pad + slot * i as f64 + slot * 0.15;
        let y = h - pad - bh;
        let current = if i + 1 == weeks.len() { " current" } else { "" };
        let _ = write!(
            s,
            "<rect class=\"bar{current}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"/>",
            slot * 0.7
        );
        let _ = write!(
            s,
            "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.0}</text>",
            x + slot * 0.35,
            y - 4.0,
            k.score
        );
        // With little room, every other week is labelled, counting back from this one.
        if slot >= 56.0 || (weeks.len() - 1 - i).is_multiple_of(2) {
            let _ = write!(
                s,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + slot * 0.35,
                h - pad + 16.0,
                k.week_start.strftime("%-d %b")
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// One a day as a calendar: a square per day, darker with more meaningful connections.
/// Monday to Sunday across, one week a row, as a paper calendar reads.
pub fn heat_map(days: &[(Date, u32)]) -> String {
    let cell = 30.0_f64;
    let Some(first) = days.first().map(|d| d.0) else {
        return String::new();
    };
    let lead = i64::from(first.weekday().to_monday_zero_offset());
    let weeks = ((lead + days.len() as i64) as f64 / 7.0).ceil().max(1.0);
    let (w, h) = (7.0 * cell, 20.0 + weeks * cell);
    let connected = days.iter().filter(|d| d.1 > 0).count();
    let desc = format!(
        "{connected} of {} days from {} to {} had a meaningful connection.",
        days.len(),
        first.strftime("%-d %b"),
        days.last().map_or(first, |d| d.0).strftime("%-d %b")
    );
    let mut s = open("heat", w as u32, h as u32, "One a day calendar", &desc);
    for (col, label) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
        let _ = write!(
            s,
            "<text class=\"axis\" x=\"{:.1}\" y=\"13\" text-anchor=\"middle\">{label}</text>",
            col as f64 * cell + (cell - 4.0) / 2.0
        );
    }
    for (i, (date, count)) in days.iter().enumerate() {
        let pos = lead + i as i64;
        let (row, col) = (pos / 7, pos % 7);
        let level = match count {
            0 => 0,
            1 => 1,
            2..=3 => 2,
            _ => 3,
        };
        let (x, y) = (col as f64 * cell, 20.0 + row as f64 * cell);
        let _ = write!(
            s,
            "<rect class=\"day l{level}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"><title>{}: {count}</title></rect><text class=\"daynum l{level}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            cell - 4.0,
            cell - 4.0,
            date.strftime("%a %-d %b"),
            x + (cell - 4.0) / 2.0,
            y + 17.0,
            date.day()
        );
    }
    s.push_str("</svg>");
    s
}

/// Two parts of a whole side by side: online against offline, energising against draining.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub class: &'static str,
}

pub fn split_bar(id: &str, title: &str, parts: &[Bar]) -> String {
    let (w, h) = (400.0_f64, 24.0_f64);
    let total: u32 = parts.iter().map(|p| p.value).sum();
    let desc = parts.iter().map(|p| format!("{}: {}", p.label, p.value)).collect::<Vec<_>>().join("; ");
    let mut s = open(id, w as u32, h as u32, title, &desc);
    let mut x = 0.0;
    for p in parts {
        let width = if total == 0 { 0.0 } else { f64::from(p.value) / f64::from(total) * w };
        let _ = write!(
            s,
            "<rect class=\"part {}\" x=\"{x:.1}\" y=\"0\" width=\"{width:.1}\" height=\"{h}\"/>",
            p.class
        );
        x += width;
    }
    if total == 0 {
        let _ = write!(s, "<rect class=\"part empty\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\"/>");
    }
    s.push_str("</svg>");
    s
}

/// How time with one person felt, interaction by interaction, over time.
pub fn felt_over_time(points: &[(Date, i64)]) -> String {
    let (w, h, pad) = (420.0_f64, 170.0_f64, 26.0_f64);
    let (Some(first), Some(last)) = (points.first().map(|p| p.0), points.last().map(|p| p.0)) else {
        return String::new();
    };
    let span = (last - first).get_days().max(1) as f64;
    let mean = points.iter().map(|p| p.1 as f64).sum::<f64>() / points.len() as f64;
    let desc = format!(
        "{} rated times from {} to {}, on average {:+.1} on a scale from -2 draining to +2 energising.",
        points.len(),
        first.strftime("%-d %b %Y"),
        last.strftime("%-d %b %Y"),
        mean
    );
    let mut s = open("felt", w as u32, h as u32, "How time together felt", &desc);
    let y_of = |v: i64| pad + (2.0 - v as f64) / 4.0 * (h - 2.0 * pad);
    for v in [-2, 0, 2] {
        let y = y_of(v);
        let _ = write!(
            s,
            "<line class=\"{}\" x1=\"{}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\"/><text class=\"axis\" x=\"2\" y=\"{:.1}\">{v:+}</text>",
            if v == 0 { "mid" } else { "base" },
            pad,
            w - 8.0,
            y + 4.0
        );
    }
    // Dates along the bottom: the first and the last rated day, and the middle of a long span.
    let x_of = |d: Date| pad + (d - first).get_days() as f64 / span * (w - pad - 10.0);
    let mut ticks = vec![(first, "start"), (last, "end")];
    if span >= 60.0 {
        let middle = first.checked_add(jiff::Span::new().days((span / 2.0) as i64)).unwrap_or(first);
        ticks.push((middle, "middle"));
    }
    if first != last {
        for (d, anchor) in ticks {
            let _ = write!(
                s,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                x_of(d),
                h - 6.0,
                d.strftime("%-d %b")
            );
        }
    }
    let mut path = String::new();
    for (i, (d, v)) in points.iter().enumerate() {
        let x = x_of(*d);
        let _ = write!(path, "{}{x:.1},{:.1} ", if i == 0 { "M" } else { "L" }, y_of(*v));
        let _ = write!(s, "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{:.1}\" r=\"3\"/>", y_of(*v));
    }
    let _ = write!(s, "<path class=\"line\" d=\"{}\"/>", path.trim_end());
    s.push_str("</svg>");
    s
}

/// Social battery from check-ins (0 to 5) against the load of plans on each day.
pub fn capacity_chart(days: &[(Date, Option<i64>, f64)]) -> String {
    let (w, h, pad) = (420.0_f64, 190.0_f64, 26.0_f64);
    let with_checkin = days.iter().filter(|d| d.1.is_some()).count();
    let total_load: f64 = days.iter().map(|d| d.2).sum();
    let desc = format!(
        "{} days: social battery from {with_checkin} check-ins shown as a line from 0 to 5, planned social load shown as bars, {total_load:.1} in all.",
        days.len()
    );
    let mut s = open("capacity", w as u32, h as u32, "Social battery and planned load", &desc);
    let n = days.len().max(1) as f64;
    let slot = (w - 2.0 * pad) / n;
    let y_of = |v: f64| h - pad - v / 5.0 * (h - 2.0 * pad);
    let _ = write!(
        s,
        "<line class=\"base\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        h - pad,
        w - pad,
        h - pad
    );
    let mut path = String::new();
    for (i, (date, battery, load)) in days.iter().enumerate() {
        let x = pad + slot * i as f64;
        // A load of 1 (one in-person plan) is drawn as one step of the battery scale.
        let bh = (load.min(5.0)) / 5.0 * (h - 2.0 * pad);
        if *load > 0.0 {
            let _ = write!(
                s,
                "<rect class=\"bar load\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"/>",
                x + slot * 0.2,
                h - pad - bh,
                slot * 0.6
            );
        }
        if let Some(b) = battery {
            let _ = write!(
                path,
                "{}{:.1},{:.1} ",
                if path.is_empty() { "M" } else { "L" },
                x + slot / 2.0,
                y_of(*b as f64)
            );
        }
        if i % 7 == 0 || days.len() <= 8 {
            let _ = write!(
                s,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + slot / 2.0,
                h - pad + 16.0,
                date.strftime("%-d %b")
            );
        }
    }
    if !path.is_empty() {
        let _ = write!(s, "<path class=\"line battery\" d=\"{}\"/>", path.trim_end());
    }
    s.push_str("</svg>");
    s
}
