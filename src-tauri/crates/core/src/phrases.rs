//! Phrase templates for generated behandling text, per language, with the
//! clerk's own wording of any of them (stored per board, or for all boards).
//!
//! Placeholders: `{parti}`, `{namn}`, `{emne}`, `{emne_b}`, `{for}`, `{mot}`,
//! `{n_for}`, `{n_mot}`, `{n_b}` (the `n_` forms carry the noun: "2 røyster",
//! "1 røyst"), `{liste}` (party counts), `{prosent}` (the shares in per
//! cent, as recorded), `{nr}` (the vote's number in its item), `{tittel}`
//! (of an orientering, interpellasjon or spørsmål).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::board::TextLanguage;
use crate::case::FieldError;

/// Every phrase a behandling is written with. The field names are the keys
/// stored for the clerk's own wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Phrases {
    pub intro_party_person: String,
    pub intro_person: String,
    pub intro_party: String,
    pub intro_anonymous: String,
    pub vote_singular: String,
    pub vote_plural: String,
    /// Put before each vote's sentence when an item has more than one vote
    /// ("Røysting {nr}: "); empty: no numbers.
    pub vote_number: String,
    pub adopted_unanimous: String,
    pub fell_unanimous: String,
    pub unanimous: String,
    pub adopted_counts: String,
    pub fell_counts: String,
    pub counts: String,
    pub adopted_for_only: String,
    pub fell_for_only: String,
    pub for_only: String,
    pub adopted_against_only: String,
    pub fell_against_only: String,
    pub against_only: String,
    pub adopted: String,
    pub fell: String,
    pub voted: String,
    pub chair_decided: String,
    /// A against B when the outcome is not given: both counts, one count
    /// (`{emne}` is then the side with the count), none. With an outcome,
    /// the winner's sentence and the loser's come from `adopted…`/`fell…`.
    pub alternative_counts: String,
    pub alternative_one_count: String,
    pub alternative_plain: String,
    pub parties_for: String,
    pub parties_against: String,
    /// The shares in per cent where the protocol gives them. Phrases kept
    /// with a meeting approved before there were percentages lack it.
    #[serde(default = "default_percentages")]
    pub percentages: String,
    pub orientering: String,
    pub interpellasjon: String,
    pub sporsmal: String,
    pub answer: String,
}

/// The same words in Nynorsk and Bokmål.
fn default_percentages() -> String {
    "Prosent: {prosent}.".into()
}

impl Phrases {
    /// Nynorsk, as in Luster's protocols.
    pub fn nynorsk() -> Self {
        Self {
            intro_party_person: "{parti} v/{namn} sette fram:".into(),
            intro_person: "{namn} sette fram:".into(),
            intro_party: "{parti} sette fram:".into(),
            intro_anonymous: "Det vart sett fram framlegg:".into(),
            vote_singular: "røyst".into(),
            vote_plural: "røyster".into(),
            vote_number: String::new(),
            adopted_unanimous: "{emne} vart samrøystes vedteke.".into(),
            fell_unanimous: "{emne} fall samrøystes.".into(),
            unanimous: "{emne} fekk alle røystene.".into(),
            adopted_counts: "{emne} vart vedteke med {for} mot {n_mot}.".into(),
            fell_counts: "{emne} fall med {for} mot {n_mot}.".into(),
            counts: "{emne} fekk {n_for}, {n_mot} mot.".into(),
            adopted_for_only: "{emne} fekk {n_for} og vart vedteke.".into(),
            fell_for_only: "{emne} fekk {n_for} og fall.".into(),
            for_only: "{emne} fekk {n_for}.".into(),
            adopted_against_only: "{emne} vart vedteke mot {n_mot}.".into(),
            fell_against_only: "{emne} fall, {n_mot} mot.".into(),
            against_only: "{emne}: {n_mot} mot.".into(),
            adopted: "{emne} vart vedteke.".into(),
            fell: "{emne} fall.".into(),
            voted: "{emne} vart røysta over.".into(),
            chair_decided: "Møteleiaren si dobbeltrøyst var avgjerande.".into(),
            alternative_counts: "{emne} fekk {n_for}. {emne_b} fekk {n_b}.".into(),
            alternative_one_count: "{emne} fekk {n_for} i alternativ røysting mot {emne_b}.".into(),
            alternative_plain: "Alternativ røysting: {emne} mot {emne_b}.".into(),
            parties_for: "For: {liste}.".into(),
            parties_against: "Mot: {liste}.".into(),
            percentages: default_percentages(),
            orientering: "Orientering: {tittel}".into(),
            interpellasjon: "Interpellasjon: {tittel}".into(),
            sporsmal: "Spørsmål: {tittel}".into(),
            answer: "Svar:".into(),
        }
    }

    /// Bokmål.
    pub fn bokmaal() -> Self {
        Self {
            intro_party_person: "{parti} v/{namn} fremmet forslag:".into(),
            intro_person: "{namn} fremmet forslag:".into(),
            intro_party: "{parti} fremmet forslag:".into(),
            intro_anonymous: "Det ble fremmet forslag:".into(),
            vote_singular: "stemme".into(),
            vote_plural: "stemmer".into(),
            vote_number: String::new(),
            adopted_unanimous: "{emne} ble enstemmig vedtatt.".into(),
            fell_unanimous: "{emne} falt enstemmig.".into(),
            unanimous: "{emne} fikk alle stemmene.".into(),
            adopted_counts: "{emne} ble vedtatt med {for} mot {n_mot}.".into(),
            fell_counts: "{emne} falt med {for} mot {n_mot}.".into(),
            counts: "{emne} fikk {n_for}, {n_mot} mot.".into(),
            adopted_for_only: "{emne} fikk {n_for} og ble vedtatt.".into(),
            fell_for_only: "{emne} fikk {n_for} og falt.".into(),
            for_only: "{emne} fikk {n_for}.".into(),
            adopted_against_only: "{emne} ble vedtatt mot {n_mot}.".into(),
            fell_against_only: "{emne} falt, {n_mot} mot.".into(),
            against_only: "{emne}: {n_mot} mot.".into(),
            adopted: "{emne} ble vedtatt.".into(),
            fell: "{emne} falt.".into(),
            voted: "{emne} ble satt under avstemning.".into(),
            chair_decided: "Møtelederens dobbeltstemme var avgjørende.".into(),
            alternative_counts: "{emne} fikk {n_for}. {emne_b} fikk {n_b}.".into(),
            alternative_one_count: "{emne} fikk {n_for} i alternativ avstemning mot {emne_b}.".into(),
            alternative_plain: "Alternativ avstemning: {emne} mot {emne_b}.".into(),
            parties_for: "For: {liste}.".into(),
            parties_against: "Mot: {liste}.".into(),
            percentages: default_percentages(),
            orientering: "Orientering: {tittel}".into(),
            interpellasjon: "Interpellasjon: {tittel}".into(),
            sporsmal: "Spørsmål: {tittel}".into(),
            answer: "Svar:".into(),
        }
    }

    /// The built-in phrases of a language.
    pub fn of(language: TextLanguage) -> Self {
        match language {
            TextLanguage::Nn => Self::nynorsk(),
            TextLanguage::Nb => Self::bokmaal(),
        }
    }

    /// Every key, sorted.
    pub fn keys() -> Vec<String> {
        match serde_json::to_value(Self::nynorsk()) {
            Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// These phrases with the clerk's own wording of some of them. An
    /// unknown key is an error, so a typo is never silently ignored.
    pub fn with(&self, own: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        let mut errors = Vec::new();
        if let serde_json::Value::Object(map) = &mut value {
            for (key, text) in own {
                match map.get_mut(key) {
                    Some(slot) => *slot = serde_json::Value::String(text.clone()),
                    None => errors.push(FieldError::new(key, format!("«{key}» er ikkje ein frase Saksbok kjenner."))),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        serde_json::from_value(value).map_err(|e| vec![FieldError::new("phrases", e.to_string())])
    }

    /// "2 røyster", "1 røyst".
    pub fn counted(&self, n: u32) -> String {
        let noun = if n == 1 { &self.vote_singular } else { &self.vote_plural };
        format!("{n} {noun}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_kept_before_the_percentages_phrase_still_read() {
        let mut old = serde_json::to_value(Phrases::bokmaal()).unwrap();
        old.as_object_mut().unwrap().remove("percentages");
        let read: Phrases = serde_json::from_value(old).unwrap();
        assert_eq!(read, Phrases::bokmaal());
    }

    #[test]
    fn own_wording_replaces_one_phrase_and_a_typo_is_named() {
        let own = [("adopted_unanimous".to_string(), "{emne} vart samrøystes vedteken.".to_string())];
        let p = Phrases::nynorsk().with(&own).unwrap();
        assert_eq!(p.adopted_unanimous, "{emne} vart samrøystes vedteken.");
        assert_eq!(p.fell, Phrases::nynorsk().fell);
        let e = Phrases::nynorsk().with(&[("adopted_unanimus".into(), "x".into())]).unwrap_err();
        assert_eq!(e[0].message, "«adopted_unanimus» er ikkje ein frase Saksbok kjenner.");
    }

    #[test]
    fn both_languages_have_every_phrase_and_the_keys_are_the_fields() {
        let keys = Phrases::keys();
        assert_eq!(keys.len(), 33);
        assert!(keys.contains(&"vote_number".to_string()));
        assert_eq!(Phrases::of(TextLanguage::Nb), Phrases::bokmaal());
        // Only the number prefix is empty by default.
        let nn = serde_json::to_value(Phrases::nynorsk()).unwrap();
        let empty: Vec<&String> = nn.as_object().unwrap().iter().filter(|(_, v)| v == &"").map(|(k, _)| k).collect();
        assert_eq!(empty, ["vote_number"]);
    }
}
