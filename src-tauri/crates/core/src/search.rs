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

/// A piece of a snippet: plain text, or a hit to highlight.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// A window of about `width` words of `text` around the first word that
/// starts with one of `words` (lower-cased, as [`words`] gives them), every
/// such word marked as a hit; `…` where the text is cut. Empty when no word
/// of the text matches. Words are found as the index's tokenizer finds them,
/// so a snippet never marks what the search did not match.
pub fn snippet(text: &str, words: &[String], width: usize) -> Vec<SnippetPart> {
    let tokens: Vec<(usize, usize)> = token_spans(text).collect();
    let is_hit = |&(a, b): &(usize, usize)| {
        let w = text[a..b].to_lowercase();
        words.iter().any(|q| w.starts_with(q.as_str()))
    };
    let Some(first) = tokens.iter().position(is_hit) else { return Vec::new() };
    let width = width.max(1);
    let start = first.saturating_sub(width / 4).min(tokens.len().saturating_sub(width));
    let end = (start + width).min(tokens.len());
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, hit: bool| {
        let text = text.replace(|c: char| c.is_control(), " ");
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(&text),
            _ if !text.is_empty() => out.push(SnippetPart { text, hit }),
            _ => {}
        }
    };
    if start > 0 {
        push("… ", false);
    }
    let mut at = tokens[start].0;
    for span in &tokens[start..end] {
        push(&text[at..span.0], false);
        push(&text[span.0..span.1], is_hit(span));
        at = span.1;
    }
    if end < tokens.len() {
        push(" …", false);
    } else {
        push(text[at..].trim_end(), false);
    }
    out
}

/// Byte ranges of the words of `text`: runs of letters and digits.
fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
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

    fn shown(parts: &[SnippetPart]) -> String {
        parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    #[test]
    fn a_snippet_marks_prefix_hits_in_a_window_of_words() {
        let q: Vec<String> = words("RÅDHUS gaupne").collect();
        let text = "Kommunen er positive til og vil leggja til rette for etablering av avdelingskontor for SyS IKT på \
                    Rådhuset i Gaupne. Dette bør framkomme i samarbeidsavtale / vedtekter.";
        assert_eq!(shown(&snippet(text, &q, 8)), "… IKT på [Rådhuset] i [Gaupne]. Dette bør framkomme …");
        assert_eq!(shown(&snippet("Rådhuset", &q, 8)), "[Rådhuset]");
        assert!(snippet("Ingen treff her", &q, 8).is_empty());
        let far: Vec<String> = words("far").collect();
        assert!(snippet("Rådmannen får fullmakt", &far, 8).is_empty(), "far is not får");
    }
}
