//! The innkalling (kommunelova § 11-3): time, place and the public sakliste,
//! printed from the same meeting records before the meeting. Tilleggssaker
//! were not in it; skjerma titles show their public title; lukka items are
//! marked with their legal basis.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::Role;
use crate::date::format_date;
use crate::protocol::Field;
use crate::text::fill;

use super::public::{mask_names, public_title};
use super::{MinutesInput, MinutesLabels, SaklisteGroup, push_fact, sakliste_of};

/// The content of an innkalling, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Notice {
    pub municipality: String,
    /// Printed at the head of the first page.
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<crate::protocol::Logo>,
    pub document_kind: String,
    pub board: String,
    /// Møtestad, Møtedato, Møtetid.
    pub facts: Vec<Field>,
    pub intro: String,
    pub sakliste: Vec<SaklisteGroup>,
    /// How to report forfall.
    pub apologies: String,
    /// When the notice was sent (dd.mm.yyyy).
    pub dated: Option<String>,
    /// The board's leader on the meeting date, who calls the meeting.
    pub signer: Option<String>,
    pub signer_role: String,
    pub labels: MinutesLabels,
    pub page_format: String,
    pub title: String,
    pub subject: String,
}

/// The innkalling of the meeting of `input`. Only the sakliste and the
/// board's seats are read; behandling and vedtak never reach it.
pub fn innkalling(input: &MinutesInput<'_>) -> Notice {
    let l = MinutesLabels::of(input.board.language);
    let m = input.meeting;
    let mut public = m.clone();
    for (line, it) in public.items.iter_mut().zip(input.items) {
        if let Some(title) = public_title(&it.screening, &l) {
            line.title = title;
        }
        line.title = mask_names(&line.title, &it.screening.names, &l.masked_name);
    }
    public.items.retain(|i| !i.added_late);
    let date = format_date(m.date);
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: Option<String>| push_fact(&mut facts, label, value);
    fact(&l.place, m.place.clone());
    fact(&l.date, Some(date.clone()));
    fact(&l.notice_time, m.start_time.as_deref().map(|t| format!("kl. {}", super::dotted(t))));
    let signer = input.roll.seats.iter().find(|s| s.role == Role::Chair).map(|s| s.name.clone());
    let document_kind = l.notice_kind.clone();
    Notice {
        municipality: input.municipality.to_string(),
        logo: input.template.logo.clone(),
        document_kind: document_kind.clone(),
        board: m.board.clone(),
        facts,
        intro: fill(&l.notice_intro, &[("utval", &m.board)]),
        sakliste: sakliste_of(&public, input.layout.sakliste_by_series),
        apologies: l.notice_apologies.clone(),
        dated: m.notice_sent.map(format_date),
        signer,
        signer_role: l.notice_leader.clone(),
        page_format: input.template.page_format.clone(),
        title: format!("{document_kind} {} {date}", m.board),
        subject: format!("{document_kind} til møte i {}, {date}", m.board),
        labels: l,
    }
}
