//! The emotion picker in two taps: first a region of the grid (more or less
//! energy, pleasant or unpleasant), then a word, each shown with its short meaning. Radio
//! inputs and CSS `:checked` do the showing, so it needs no script, works with the keyboard
//! (arrow keys between regions, Tab to the words) and sends plain form fields: each word
//! chosen is one value of the field, as the CLI's comma-separated `--before`/`--after`.

use crate::fields::{FieldErrors, Fields};
use kith_core::Invalid;
use kith_core::ladder::{EMOTIONS, Emotion, EmotionWord, parse_emotions};

/// One word and whether it was chosen.
pub struct Word {
    pub word: &'static str,
    pub meaning: &'static str,
    pub checked: bool,
}

/// A quarter of the grid.
pub struct Region {
    pub key: &'static str,
    pub label: &'static str,
    pub checked: bool,
    pub words: Vec<Word>,
}

/// The picker for one form field.
pub struct Picker {
    /// The form field the words are sent as (`before`, `after`, `emotions`).
    pub name: &'static str,
    pub legend: &'static str,
    pub regions: Vec<Region>,
    pub error: String,
}

impl Picker {
    /// Whether any word is chosen.
    pub fn any(&self) -> bool {
        self.regions.iter().any(|r| r.words.iter().any(|w| w.checked))
    }
}

/// The four regions: energy 3-4 is "more energy", pleasantness 3-4 is "pleasant".
const REGIONS: [(&str, &str, bool, bool); 4] = [
    ("high_unpleasant", "More energy, unpleasant", true, false),
    ("high_pleasant", "More energy, pleasant", true, true),
    ("low_unpleasant", "Less energy, unpleasant", false, false),
    ("low_pleasant", "Less energy, pleasant", false, true),
];

fn in_region(e: &EmotionWord, high: bool, pleasant: bool) -> bool {
    (e.energy >= 3) == high && e.is_pleasant() == pleasant
}

/// A picker with the words in `chosen` ticked; the region of the first one stays open.
pub fn picker(name: &'static str, legend: &'static str, chosen: &[&str], errors: &FieldErrors) -> Picker {
    let first = chosen.iter().find_map(|w| Emotion::parse(w).ok());
    let regions = REGIONS
        .iter()
        .map(|&(key, label, high, pleasant)| Region {
            key,
            label,
            checked: first.is_some_and(|e| in_region(e.word(), high, pleasant)),
            words: EMOTIONS
                .iter()
                .filter(|e| in_region(e, high, pleasant))
                .map(|e| Word { word: e.word, meaning: e.meaning, checked: chosen.contains(&e.word) })
                .collect(),
        })
        .collect();
    Picker { name, legend, regions, error: errors.of(name).to_owned() }
}

/// The picker for `name` as the form was sent.
pub fn from_form(name: &'static str, legend: &'static str, form: &Fields, errors: &FieldErrors) -> Picker {
    picker(name, legend, &form.all(name), errors)
}

/// The words sent for `name`, parsed; `field` names them in an error.
///
/// # Errors
/// When a word is not in the vocabulary.
pub fn parse(form: &Fields, name: &str, field: &'static str) -> Result<Vec<Emotion>, Invalid> {
    parse_emotions(field, &form.all(name).join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_region_holds_a_quarter_of_the_words_and_the_chosen_one_opens() {
        let p = picker("after", "After", &["relieved"], &FieldErrors::default());
        assert!(p.regions.iter().all(|r| r.words.len() == EMOTIONS.len() / 4));
        let open: Vec<&str> = p.regions.iter().filter(|r| r.checked).map(|r| r.key).collect();
        assert_eq!(open, ["low_pleasant"]);
        assert!(p.any());
    }
}
