//! Emotion words, arranged on two axes: energy (1 low .. 4 high) and pleasantness
//! (1 unpleasant .. 4 pleasant), two words to each of the sixteen places, each with a
//! short meaning in kith's own words. Naming a feeling precisely is easier from a small
//! grid than from a blank line: pick a corner first (how much energy, how pleasant), then
//! a word.

use crate::Invalid;
use crate::text::shorten;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One word of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct EmotionWord {
    /// The word, lower case, one token (`at-ease`).
    pub word: &'static str,
    /// 1 (low energy) to 4 (high energy).
    pub energy: u8,
    /// 1 (unpleasant) to 4 (pleasant).
    pub pleasantness: u8,
    /// What it means, in a few words.
    pub meaning: &'static str,
}

impl EmotionWord {
    /// Whether it sits on the pleasant half of the grid.
    pub fn is_pleasant(&self) -> bool {
        self.pleasantness >= 3
    }
}

const fn w(word: &'static str, energy: u8, pleasantness: u8, meaning: &'static str) -> EmotionWord {
    EmotionWord { word, energy, pleasantness, meaning }
}

/// The vocabulary, from high energy to low, and unpleasant to pleasant within each row.
pub const EMOTIONS: [EmotionWord; 32] = [
    w("overwhelmed", 4, 1, "more is coming at you than you can take in"),
    w("panicky", 4, 1, "alarm rising fast, wanting to get out"),
    w("anxious", 4, 2, "braced for something to go wrong"),
    w("irritated", 4, 2, "small things rubbing you up the wrong way"),
    w("curious", 4, 3, "wanting to find out more"),
    w("surprised", 4, 3, "caught off guard, and not in a bad way"),
    w("excited", 4, 4, "lit up about what is happening or coming"),
    w("joyful", 4, 4, "a big, bright gladness"),
    w("frustrated", 3, 1, "blocked from something you want"),
    w("stressed", 3, 1, "stretched thin by demands"),
    w("restless", 3, 2, "unable to settle, itching to move"),
    w("awkward", 3, 2, "unsure how you come across, a bit exposed"),
    w("energised", 3, 3, "more fuel in the tank than before"),
    w("amused", 3, 3, "something struck you as funny"),
    w("proud", 3, 4, "glad about something you did"),
    w("connected", 3, 4, "close to someone, on the same wavelength"),
    w("ashamed", 2, 1, "wishing you could hide something about yourself"),
    w("hurt", 2, 1, "stung by what someone did or said"),
    w("uneasy", 2, 2, "a quiet sense that something is off"),
    w("bored", 2, 2, "nothing holding your interest"),
    w("relieved", 2, 3, "a weight lifted, it was not as bad as feared"),
    w("hopeful", 2, 3, "expecting that things can get better"),
    w("grateful", 2, 4, "thankful for someone or something"),
    w("warm", 2, 4, "fond of the people around you"),
    w("hopeless", 1, 1, "as if nothing you do will change things"),
    w("lonely", 1, 1, "missing closeness with others"),
    w("tired", 1, 2, "running low, wanting rest"),
    w("flat", 1, 2, "little feeling either way, muted"),
    w("calm", 1, 3, "settled, nothing pulling at you"),
    w("content", 1, 3, "enough, just as things are"),
    w("at-ease", 1, 4, "relaxed in your own skin"),
    w("cared-for", 1, 4, "looked after by someone"),
];

/// A word from the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Emotion(&'static EmotionWord);

impl Emotion {
    /// Finds a word of the vocabulary, in any case; `at ease` is accepted for `at-ease`.
    ///
    /// # Errors
    /// When the word is not in the vocabulary.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let key = raw.trim().to_lowercase().replace([' ', '_'], "-");
        EMOTIONS.iter().find(|e| e.word == key).map(Self).ok_or_else(|| {
            Invalid::new(
                "emotion",
                shorten(raw),
                "a word from `kith emotions`, such as anxious, relieved or calm",
            )
        })
    }

    /// The word and where it sits.
    pub fn word(self) -> &'static EmotionWord {
        self.0
    }

    /// The word itself.
    pub fn as_str(self) -> &'static str {
        self.0.word
    }
}

impl fmt::Display for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.word)
    }
}

impl TryFrom<String> for Emotion {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Emotion> for String {
    fn from(e: Emotion) -> String {
        e.0.word.to_owned()
    }
}

/// Parses comma-separated words (`anxious, hopeful`), dropping repeats.
///
/// # Errors
/// At the first word not in the vocabulary, naming the flag `field`.
pub fn parse_emotions(field: &'static str, raw: &str) -> Result<Vec<Emotion>, Invalid> {
    let mut out: Vec<Emotion> = Vec::new();
    for word in raw.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let e = Emotion::parse(word).map_err(|e| Invalid { field, ..e })?;
        if !out.contains(&e) {
            out.push(e);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_place_on_the_grid_has_two_distinct_words_with_a_meaning() {
        let words: HashSet<&str> = EMOTIONS.iter().map(|e| e.word).collect();
        assert_eq!(words.len(), EMOTIONS.len());
        for energy in 1..=4 {
            for pleasantness in 1..=4 {
                let here = EMOTIONS.iter().filter(|e| e.energy == energy && e.pleasantness == pleasantness);
                assert_eq!(here.count(), 2, "energy {energy}, pleasantness {pleasantness}");
            }
        }
        assert!(EMOTIONS.iter().all(|e| !e.meaning.is_empty() && !e.word.contains(' ')));
    }

    #[test]
    fn words_parse_in_any_case_and_unknown_words_name_the_flag() {
        assert_eq!(Emotion::parse("At Ease").expect("valid").as_str(), "at-ease");
        let list = parse_emotions("before", "anxious, Hopeful,anxious").expect("valid");
        assert_eq!(list.iter().map(|e| e.as_str()).collect::<Vec<_>>(), ["anxious", "hopeful"]);
        let err = parse_emotions("after", "calm, meh").expect_err("unknown");
        assert_eq!((err.field, err.value.as_str()), ("after", "meh"));
    }

    #[test]
    fn emotions_travel_as_their_words() {
        let e = Emotion::parse("relieved").expect("valid");
        let json = serde_json::to_string(&e).expect("json");
        assert_eq!(json, "\"relieved\"");
        assert_eq!(serde_json::from_str::<Emotion>(&json).expect("back"), e);
        assert!(serde_json::from_str::<Emotion>("\"meh\"").is_err());
    }
}
