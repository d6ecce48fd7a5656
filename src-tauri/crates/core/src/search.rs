//! What the clerk types into the search box, made safe for SQLite FTS5.
//!
//! Users type words, numbers like `21/1069`, quotes and stray operators. None
//! of it may reach FTS5 as syntax: every word becomes a quoted prefix term
//! (`"rådhus"*`) and the terms are joined with AND. Splitting follows the
//! unicode61 tokenizer: letters and digits make words, anything else separates
//! them, so æ, ø and å stay letters of their own.

/// The FTS5 query for `input`, or `None` when it holds no word at all (only
/// blanks or punctuation): then there is nothing to search for.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = words(input).map(|w| format!("\"{}\"*", w.replace('"', "\"\""))).collect();
    if terms.is_empty() { None } else { Some(terms.join(" AND ")) }
}

/// The words of `input` as the tokenizer sees them, lower-cased.
pub fn words(input: &str) -> impl Iterator<Item = String> + '_ {
    input.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(32).map(str::to_lowercase)
}

/// Marks the search index puts around a hit in a snippet. Control characters
/// that no stored text contains (the case form refuses them in titles).
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

/// A piece of a snippet: plain text, or a hit to highlight.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Splits a snippet marked with [`HIT_START`]/[`HIT_END`] into parts, so the
/// UI shows hits as text in a `<mark>`, never as HTML.
pub fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    let flush = |text: &mut String, hit: bool, out: &mut Vec<SnippetPart>| {
        if !text.is_empty() {
            out.push(SnippetPart { text: std::mem::take(text), hit });
        }
    };
    for c in marked.chars() {
        match c {
            HIT_START => {
                flush(&mut current, hit, &mut out);
                hit = true;
            }
            HIT_END => {
                flush(&mut current, hit, &mut out);
                hit = false;
            }
            c if c.is_control() => current.push(' '),
            c => current.push(c),
        }
    }
    flush(&mut current, hit, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefix_terms() {
        assert_eq!(fts_query("Rådhuset i Gaupne").unwrap(), r#""rådhuset"* AND "i"* AND "gaupne"*"#);
        assert_eq!(fts_query("21/1069").unwrap(), r#""21"* AND "1069"*"#);
    }

    #[test]
    fn operators_quotes_and_punctuation_are_not_syntax() {
        assert_eq!(fts_query(r#""IKT" OR NOT sak*"#).unwrap(), r#""ikt"* AND "or"* AND "not"* AND "sak"*"#);
        assert_eq!(fts_query("NEAR(a b)").unwrap(), r#""near"* AND "a"* AND "b"*"#);
        for nothing in ["", "   ", "\"\"", "*", "-- ; ()", "«»"] {
            assert_eq!(fts_query(nothing), None, "{nothing:?}");
        }
    }

    #[test]
    fn norwegian_letters_are_letters_and_capitals_fold() {
        assert_eq!(words("RÅDHUSET før-Ærlig").collect::<Vec<_>>(), ["rådhuset", "før", "ærlig"]);
    }

    #[test]
    fn snippets_split_into_hits_and_text() {
        let parts = snippet_parts("… ved \u{2}Rådhuset\u{3} i Gaupne");
        assert_eq!(
            parts,
            [
                SnippetPart { text: "… ved ".into(), hit: false },
                SnippetPart { text: "Rådhuset".into(), hit: true },
                SnippetPart { text: " i Gaupne".into(), hit: false },
            ]
        );
        assert!(snippet_parts("").is_empty());
    }
}
