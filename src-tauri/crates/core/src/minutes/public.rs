//! The offentleg versjon of a møtebok: what the municipality publishes. The
//! signed møtebok is complete (kl. § 11-4); the public one is made from the
//! same records with skjerming applied *before* any text is generated:
//! a skjerma case's title becomes its public title, a closed case keeps only
//! its number, public title and legal basis, skjerma vedlegg show their
//! public title, and the names the skjerming protects are masked wherever
//! the skjerma case's text still holds them.

use crate::behandling::DanglingReference;
use crate::model::Behandling;
use crate::number::JournalNumber;
use crate::protocol::Section;
use crate::text::{Paragraph, Span, Style, fill};

use super::{Minutes, MinutesInput, MinutesItem, MinutesLabels, MinutesPart, minutes};

/// What the public may not see of one agenda item, from the case register.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Screening {
    /// The arkivsak's skjerming (e.g. "offl. § 13 jf. fvl. § 13").
    pub basis: Option<String>,
    /// The title the public sees; without one, "Skjerma etter {basis}".
    pub public_title: Option<String>,
    /// Names the skjerming protects: avsendarar and mottakarar of the case's
    /// skjerma journalpostar. Masked ("NN") in the public version.
    pub names: Vec<String>,
    /// The case's skjerma journalpostar, for its vedlegg.
    pub entries: Vec<ScreenedEntry>,
}

impl Screening {
    /// Nothing of the item is skjerma.
    pub fn is_open(&self) -> bool {
        self.basis.is_none() && self.names.is_empty() && self.entries.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenedEntry {
    pub number: JournalNumber,
    pub basis: String,
    pub public_title: Option<String>,
}

/// The public title of a skjerma case, or `None` when its title is open.
pub fn public_title(s: &Screening, l: &MinutesLabels) -> Option<String> {
    let basis = s.basis.as_deref()?;
    Some(
        s.public_title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| fill(&l.screened, &[("heimel", basis)])),
    )
}

/// The offentleg versjon of the møtebok of `input`.
pub fn public_minutes(input: &MinutesInput<'_>) -> Result<Minutes, DanglingReference> {
    let l = MinutesLabels::of(input.board.language);
    let mut meeting = input.meeting.clone();
    let mut items: Vec<MinutesItem> = input.items.to_vec();
    for (line, it) in meeting.items.iter_mut().zip(&mut items) {
        if let Some(title) = public_title(&it.screening, &l) {
            line.title.clone_from(&title);
            it.item.title = title;
        }
        line.title = mask_names(&line.title, &it.screening.names, &l.masked_name);
        if line.closed {
            // Nothing of what was said or decided behind closed doors.
            it.item.behandling = Behandling::default();
            it.item.behandling_text = None;
            it.item.recommendation = None;
            it.item.vedtak = None;
            it.attachments.clear();
        }
        for a in &mut it.attachments {
            let screened = a.journal_entry.and_then(|n| it.screening.entries.iter().find(|e| e.number == n));
            if let Some(e) = screened {
                a.title = screened_title(e, &l);
            }
        }
    }
    // The møtebok's own vedlegg that are skjerma journalpostar show their public title.
    let mut own = input.attachments.clone();
    for a in &mut own.list {
        if let Some(e) = a.journal_entry.and_then(|n| input.attachments.screened.iter().find(|e| e.number == n)) {
            a.title = screened_title(e, &l);
        }
    }
    let mut m = minutes(&MinutesInput { meeting: &meeting, items: &items, attachments: &own, ..*input })?;

    // Each case's part, in sakliste order (business parts lie between).
    let cases = m.parts.iter_mut().filter_map(|p| match p {
        MinutesPart::Case(c) => Some(c),
        MinutesPart::Business { .. } => None,
    });
    for ((line, it), c) in meeting.items.iter().zip(&items).zip(cases) {
        if line.closed {
            c.sections = vec![Section {
                heading: String::new(),
                paragraphs: vec![Paragraph {
                    spans: vec![Span { text: l.closed_public.clone(), style: Style::Italic }],
                }],
            }];
        }
        let names = &it.screening.names;
        if !names.is_empty() {
            for f in &mut c.fields {
                f.value = mask_names(&f.value, names, &l.masked_name);
            }
            for s in &mut c.sections {
                for p in &mut s.paragraphs {
                    for span in &mut p.spans {
                        span.text = mask_names(&span.text, names, &l.masked_name);
                    }
                }
            }
            for a in &mut c.attachments {
                *a = mask_names(a, names, &l.masked_name);
            }
        }
    }
    m.document_kind = format!("{} – {}", m.document_kind, l.public_version);
    m.title = format!("{} ({})", m.title, l.public_version.to_lowercase());
    m.subject = format!("{} ({})", m.subject, l.public_version.to_lowercase());
    Ok(m)
}

/// The title a skjerma journalpost shows the public: its public title, or
/// "Skjerma etter {heimel}".
fn screened_title(e: &ScreenedEntry, l: &MinutesLabels) -> String {
    e.public_title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| fill(&l.screened, &[("heimel", &e.basis)]))
}

/// `text` with every whole-word occurrence of a name — and of each word of
/// it, so "Kandidat" alone is caught too — replaced by `mask`, ignoring case.
pub fn mask_names(text: &str, names: &[String], mask: &str) -> String {
    let mut words: Vec<Vec<char>> = Vec::new();
    for name in names {
        let full: Vec<char> = name.trim().chars().flat_map(char::to_lowercase).collect();
        if full.len() >= 2 {
            words.push(full);
        }
        for w in name.split_whitespace() {
            let w: Vec<char> =
                w.trim_matches(|c: char| !c.is_alphanumeric()).chars().flat_map(char::to_lowercase).collect();
            if w.len() >= 3 {
                words.push(w);
            }
        }
    }
    if words.is_empty() {
        return text.to_string();
    }
    // Longest first, so a full name is masked once rather than word by word.
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> =
        chars.iter().map(|c| c.to_lowercase().next().filter(|_| c.to_lowercase().count() == 1).unwrap_or(*c)).collect();
    let boundary = |i: usize| i >= chars.len() || !chars[i].is_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || !chars[i - 1].is_alphanumeric();
        let hit = at_start.then(|| words.iter().find(|w| lower[i..].starts_with(w) && boundary(i + w.len()))).flatten();
        if let Some(w) = hit {
            out.push_str(mask);
            i += w.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}
