//! "Did you mean": the closest known names to one that matched nobody.

use crate::person::name_key;

/// Up to `limit` candidates closest to `typed`, best first. A candidate qualifies when it
/// starts with or contains what was typed, or is within a few edits of it.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>, limit: usize) -> Vec<&'a str> {
    let typed = name_key(typed);
    let allowed = (typed.chars().count() / 3).max(1) + 1;
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let key = name_key(c);
            let first = key.split(' ').next().unwrap_or("");
            let distance = edit_distance(&typed, &key).min(edit_distance(&typed, first));
            let contains = key.contains(&typed) && !typed.is_empty();
            (contains || distance <= allowed).then_some((if contains { 0 } else { distance }, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = (old + 1).min(row[j] + 1).min(prev + usize::from(ca != *cb));
            prev = old;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_suggests_the_nearest_names() {
        let names = ["Samira", "Sam Lee", "Priya", "Tom"];
        assert_eq!(closest("Sma", names, 3), vec!["Sam Lee"]);
        assert_eq!(closest("pria", names, 3), vec!["Priya"]);
        assert!(closest("Zebedee", names, 3).is_empty());
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
