//! Behandling records: the proposals, votes (with counts per party, A
//! against B) and blocks of an agenda item, or of the meeting itself
//! (orienteringar, interpellasjonar, procedural votes) placed between its
//! items. Written whole and read back in the shape `saksbok_core::model`
//! describes; items are referred to by their place in the sakliste.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::behandling::{Phrases, as_text};
use saksbok_core::board::TextLanguage;
use saksbok_core::model::{
    Behandling, Block, BlockContent, BusinessKind, OtherSide, Outcome, PartyVotes, Proposal, ProposalKind, Vote,
};
use saksbok_core::record::{
    Attachment, AttachmentDocument, ItemRecord, ItemRecordView, ItemRoll, MeetingAttachmentsView,
    check as check_record, suggested_vedtak,
};
use saksbok_core::{CaseNumber, JournalNumber};

use crate::audit::{self, Actor};
use crate::sql::bad_value;
use crate::{Result, StoreError};

/// The ids of a meeting's items in agenda order.
pub(crate) fn item_ids(conn: &Connection, meeting: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM agenda_items WHERE meeting_id = ?1 ORDER BY position")?;
    Ok(stmt.query_map([meeting], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// `AND agenda_item_id = ?2` for an item, `AND agenda_item_id IS NULL` for the meeting.
fn scope(item: Option<i64>) -> &'static str {
    if item.is_some() { "agenda_item_id = ?2" } else { "agenda_item_id IS NULL AND ?2 IS NULL" }
}

/// Removes the behandling of an item (or the meeting's own business).
pub(crate) fn clear(tx: &Transaction<'_>, meeting: i64, item: Option<i64>) -> Result<()> {
    let w = scope(item);
    tx.execute(&format!("DELETE FROM behandling_blocks WHERE meeting_id = ?1 AND {w}"), params![meeting, item])?;
    tx.execute(&format!("DELETE FROM votes WHERE meeting_id = ?1 AND {w}"), params![meeting, item])?;
    tx.execute(&format!("DELETE FROM proposals WHERE meeting_id = ?1 AND {w}"), params![meeting, item])?;
    Ok(())
}

fn dangling(what: &str, i: usize) -> StoreError {
    StoreError::Invalid(format!("Behandlinga viser til {what} nr. {}, som ikkje finst.", i + 1))
}

fn item_at(items: &[i64], position: Option<u32>) -> Result<Option<i64>> {
    position
        .map(|p| {
            items
                .get(p as usize)
                .copied()
                .ok_or_else(|| StoreError::Invalid(saksbok_core::attendance::no_such_item(p as usize + 1, items.len())))
        })
        .transpose()
}

/// Writes a behandling for an item (or for the meeting: `item` None).
/// `items` are the meeting's items in agenda order.
pub(crate) fn write(
    tx: &Transaction<'_>,
    meeting: i64,
    item: Option<i64>,
    b: &Behandling,
    items: &[i64],
) -> Result<()> {
    let mut proposal_ids = Vec::with_capacity(b.proposals.len());
    for (pos, p) in b.proposals.iter().enumerate() {
        tx.execute(
            "INSERT INTO proposals (meeting_id, agenda_item_id, position, kind, party, proposer, intro, text, inline,
                                    concerns_item_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                meeting,
                item,
                pos as i64,
                p.kind.as_str(),
                p.party,
                p.proposer,
                p.intro,
                p.text,
                p.inline,
                item_at(items, p.concerns_item)?
            ],
        )?;
        proposal_ids.push(tx.last_insert_rowid());
    }
    let proposal = |i: Option<usize>| -> Result<Option<i64>> {
        i.map(|i| proposal_ids.get(i).copied().ok_or_else(|| dangling("framlegg", i))).transpose()
    };
    let mut vote_ids = Vec::with_capacity(b.votes.len());
    for (pos, v) in b.votes.iter().enumerate() {
        tx.execute(
            "INSERT INTO votes (meeting_id, agenda_item_id, position, proposal_id, subject, unanimous, votes_for,
                                votes_against, outcome, chair_decided, text_override, other_proposal_id, other_subject,
                                other_votes, percent_for, percent_against)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                meeting,
                item,
                pos as i64,
                proposal(v.proposal)?,
                v.subject,
                v.unanimous,
                v.votes_for,
                v.votes_against,
                v.outcome.map(Outcome::as_str),
                v.chair_decided,
                v.text_override,
                proposal(v.other.as_ref().and_then(|o| o.proposal))?,
                v.other.as_ref().map(|o| o.subject.as_str()),
                v.other.as_ref().and_then(|o| o.votes),
                v.percent_for,
                v.percent_against
            ],
        )?;
        let vote = tx.last_insert_rowid();
        for (i, p) in v.parties.iter().enumerate() {
            tx.execute(
                "INSERT INTO vote_parties (vote_id, position, party, votes_for, votes_against) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![vote, i as i64, p.party, p.votes_for, p.votes_against],
            )?;
        }
        vote_ids.push(vote);
    }
    for (pos, block) in b.blocks.iter().enumerate() {
        let (kind, title, text, answer, proposal, vote) = match &block.content {
            BlockContent::Text { text } => ("text", None, Some(text.as_str()), None, None, None),
            BlockContent::Proposal { proposal } => (
                "proposal",
                None,
                None,
                None,
                Some(*proposal_ids.get(*proposal).ok_or_else(|| dangling("framlegg", *proposal))?),
                None,
            ),
            BlockContent::Vote { vote } => {
                ("vote", None, None, None, None, Some(*vote_ids.get(*vote).ok_or_else(|| dangling("røysting", *vote))?))
            }
            BlockContent::Business { business, title, text, answer } => {
                (business.as_str(), title.as_deref(), Some(text.as_str()), answer.as_deref(), None, None)
            }
        };
        let before = if item.is_none() { item_at(items, block.before_item)? } else { None };
        tx.execute(
            "INSERT INTO behandling_blocks (meeting_id, agenda_item_id, before_item_id, position, kind, title, text, answer,
                                            proposal_id, vote_id, joins_previous)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![meeting, item, before, pos as i64, kind, title, text, answer, proposal, vote, block.joins_previous],
        )?;
    }
    Ok(())
}

fn position_of(ids: &[i64], id: i64) -> Option<usize> {
    ids.iter().position(|x| *x == id)
}

/// Reads the behandling of an item (or the meeting's own business).
pub(crate) fn read(conn: &Connection, meeting: i64, item: Option<i64>, items: &[i64]) -> Result<Behandling> {
    let w = scope(item);
    let at = |id: Option<i64>| id.and_then(|id| position_of(items, id)).map(|p| p as u32);
    let proposals: Vec<(i64, Proposal)> = conn
        .prepare(&format!(
            "SELECT id, kind, party, proposer, intro, text, inline, concerns_item_id FROM proposals
             WHERE meeting_id = ?1 AND {w} ORDER BY position"
        ))?
        .query_map(params![meeting, item], |r| {
            let kind: String = r.get(1)?;
            Ok((
                r.get(0)?,
                Proposal {
                    kind: ProposalKind::parse(&kind).ok_or_else(|| bad_value("framleggstype", &kind))?,
                    party: r.get(2)?,
                    proposer: r.get(3)?,
                    intro: r.get(4)?,
                    text: r.get(5)?,
                    inline: r.get(6)?,
                    concerns_item: at(r.get(7)?),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let proposal_ids: Vec<i64> = proposals.iter().map(|(id, _)| *id).collect();
    let mut parties_of = conn.prepare_cached(
        "SELECT party, votes_for, votes_against FROM vote_parties WHERE vote_id = ?1 ORDER BY position",
    )?;
    let votes: Vec<(i64, Vote)> = conn
        .prepare(&format!(
            "SELECT id, proposal_id, subject, unanimous, votes_for, votes_against, outcome, chair_decided, text_override,
                    other_proposal_id, other_subject, other_votes, percent_for, percent_against
             FROM votes WHERE meeting_id = ?1 AND {w} ORDER BY position"
        ))?
        .query_map(params![meeting, item], |r| {
            let outcome: Option<String> = r.get(6)?;
            let proposal: Option<i64> = r.get(1)?;
            let other_subject: Option<String> = r.get(10)?;
            let other_proposal: Option<i64> = r.get(9)?;
            Ok((
                r.get(0)?,
                Vote {
                    proposal: proposal.and_then(|p| position_of(&proposal_ids, p)),
                    subject: r.get(2)?,
                    unanimous: r.get(3)?,
                    votes_for: r.get(4)?,
                    votes_against: r.get(5)?,
                    outcome: outcome
                        .map(|o| Outcome::parse(&o).ok_or_else(|| bad_value("utfall", &o)))
                        .transpose()?,
                    chair_decided: r.get(7)?,
                    text_override: r.get(8)?,
                    other: match other_subject {
                        Some(subject) => Some(OtherSide {
                            proposal: other_proposal.and_then(|p| position_of(&proposal_ids, p)),
                            subject,
                            votes: r.get(11)?,
                        }),
                        None => None,
                    },
                    parties: Vec::new(),
                    percent_for: r.get(12)?,
                    percent_against: r.get(13)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut with_parties = Vec::with_capacity(votes.len());
    for (id, mut v) in votes {
        v.parties = parties_of
            .query_map([id], |r| Ok(PartyVotes { party: r.get(0)?, votes_for: r.get(1)?, votes_against: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        with_parties.push((id, v));
    }
    let vote_ids: Vec<i64> = with_parties.iter().map(|(id, _)| *id).collect();
    let blocks: Vec<Block> = conn
        .prepare(&format!(
            "SELECT kind, title, text, answer, proposal_id, vote_id, joins_previous, before_item_id
             FROM behandling_blocks WHERE meeting_id = ?1 AND {w} ORDER BY position"
        ))?
        .query_map(params![meeting, item], |r| {
            let kind: String = r.get(0)?;
            let content = match kind.as_str() {
                "text" => BlockContent::Text { text: r.get(2)? },
                "proposal" => {
                    let id: i64 = r.get(4)?;
                    BlockContent::Proposal {
                        proposal: position_of(&proposal_ids, id)
                            .ok_or_else(|| bad_value("framlegg", &id.to_string()))?,
                    }
                }
                "vote" => {
                    let id: i64 = r.get(5)?;
                    BlockContent::Vote {
                        vote: position_of(&vote_ids, id).ok_or_else(|| bad_value("røysting", &id.to_string()))?,
                    }
                }
                other => BlockContent::Business {
                    business: BusinessKind::parse(other).ok_or_else(|| bad_value("blokktype", other))?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    answer: r.get(3)?,
                },
            };
            Ok(Block { content, joins_previous: r.get(6)?, before_item: at(r.get(7)?) })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Behandling {
        blocks,
        proposals: proposals.into_iter().map(|(_, p)| p).collect(),
        votes: with_parties.into_iter().map(|(_, v)| v).collect(),
    })
}

/// The phrases a board's behandling is written with: the built-in ones of
/// its language, then the clerk's wording for all boards, then for this one.
pub fn phrases(conn: &Connection, board: i64) -> Result<Phrases> {
    let language: String = conn.query_row("SELECT language FROM boards WHERE id = ?1", [board], |r| r.get(0))?;
    let lang = if language == "nb" { TextLanguage::Nb } else { TextLanguage::Nn };
    let own: Vec<(String, String)> = conn
        .prepare(
            "SELECT key, text FROM phrase_templates WHERE language = ?2 AND (board_id IS NULL OR board_id = ?1)
             ORDER BY board_id IS NOT NULL, key",
        )?
        .query_map(params![board, language], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Phrases::of(lang).with(&own).map_err(StoreError::InvalidFields)
}

/// The phrases set for one board (or all boards, `None`) in one language:
/// only those that differ from the built-in ones.
pub fn own_phrases(conn: &Connection, board: Option<i64>, language: TextLanguage) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare("SELECT key, text FROM phrase_templates WHERE board_id IS ?1 AND language = ?2 ORDER BY key")?
        .query_map(params![board, lang_code(language)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn lang_code(l: TextLanguage) -> &'static str {
    match l {
        TextLanguage::Nn => "nn",
        TextLanguage::Nb => "nb",
    }
}

/// Sets the clerk's own phrases for a board (or all boards) in one language;
/// a phrase equal to the built-in one is not stored. Unknown keys are refused.
pub fn set_phrases(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    board: Option<i64>,
    language: TextLanguage,
    own: &[(String, String)],
) -> Result<Vec<(String, String)>> {
    let builtin = Phrases::of(language);
    builtin.with(own).map_err(StoreError::InvalidFields)?;
    let defaults = serde_json::to_value(&builtin).unwrap_or_default();
    let before = own_phrases(tx, board, language)?;
    tx.execute(
        "DELETE FROM phrase_templates WHERE board_id IS ?1 AND language = ?2",
        params![board, lang_code(language)],
    )?;
    for (key, text) in own {
        if defaults.get(key).and_then(|v| v.as_str()) != Some(text.as_str()) {
            tx.execute(
                "INSERT INTO phrase_templates (board_id, language, key, text) VALUES (?1, ?2, ?3, ?4)",
                params![board, lang_code(language), key, text],
            )?;
        }
    }
    let after = own_phrases(tx, board, language)?;
    if after != before {
        let json = |v: &[(String, String)]| {
            serde_json::to_string(&v.iter().cloned().collect::<std::collections::BTreeMap<_, _>>()).unwrap_or_default()
        };
        audit::record(tx, who, "update", "phrases", board.unwrap_or(0), Some(&json(&before)), Some(&json(&after)))?;
    }
    Ok(after)
}

/// Who could vote on item `position` of a meeting, when the roll says.
/// What the roll says of the item at `position`: how many could vote, who
/// (with their party), and who was ugild.
fn item_roll(conn: &Connection, meeting: i64, position: usize) -> Result<ItemRoll> {
    Ok(item_roll_of(&crate::attendance::get(conn, meeting)?, position))
}

fn item_roll_of(roll: &saksbok_core::roll::Roll, position: usize) -> ItemRoll {
    let a = &roll.input.attendance;
    let known = !a.attendees.is_empty() || a.head_count.is_some();
    let Some(item) = roll.items.get(position).filter(|_| known) else { return ItemRoll::default() };
    let party = |name: &str| a.attendees.iter().find(|x| x.name == name).and_then(|x| x.party.clone());
    ItemRoll {
        eligible: Some(item.eligible),
        voters: item.voters.iter().map(|n| (n.clone(), party(n))).collect(),
        ugild: a.disqualified.iter().filter(|d| d.item as usize == position).map(|d| d.member.clone()).collect(),
    }
}

/// How many could vote on each item, in agenda order; `None` while no roll is recorded.
fn eligible_per_item(conn: &Connection, meeting: i64) -> Result<Option<Vec<u32>>> {
    let roll = crate::attendance::get(conn, meeting)?;
    let known = !roll.input.attendance.attendees.is_empty() || roll.input.attendance.head_count.is_some();
    Ok(known.then(|| roll.items.iter().map(|i| i.eligible).collect()))
}

/// One item's record with its generated text, suggested vedtak and warnings.
pub fn get_item(conn: &Connection, id: i64) -> Result<ItemRecordView> {
    let (meeting, board, title, recommendation, behandling_text, vedtak): (
        i64,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = conn
        .query_row(
            "SELECT meeting_id, board_id, title, recommendation, behandling_text, vedtak FROM agenda_items WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utvalssak med id {id}")))?;
    let items = item_ids(conn, meeting)?;
    let position = items.iter().position(|x| *x == id).unwrap_or_default();
    let behandling = read(conn, meeting, Some(id), &items)?;
    let ph = phrases(conn, board)?;
    let generated =
        saksbok_core::behandling::render(&behandling, &ph).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let attachments = attachments_of(conn, Owner::Item(id))?;
    let approves_minutes = minutes_approved_by(conn, id)?;
    let record = ItemRecord { behandling, behandling_text, recommendation, vedtak, attachments, approves_minutes };
    let roll = crate::attendance::get(conn, meeting)?;
    let item_roll = item_roll_of(&roll, position);
    let eligible = item_roll.eligible;
    let (_, mut warnings) = check_record(&record, &item_roll);
    // Quorum is judged against the board's seats, not seats guessed from the roll.
    if let Some(i) = roll.items.get(position)
        && roll.seats_known
        && eligible.is_some()
        && !i.quorate
    {
        warnings.push(format!(
            "Utvalet var ikkje vedtaksført i denne saka: {} av {} plassar var fylte av røysteføre (kl. § 11-9).",
            i.eligible, i.seats
        ));
    }
    let number_text = crate::meetings::get(conn, meeting)?
        .items
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| i.number_text)
        .unwrap_or_default();
    let attachment_documents =
        record.attachments.iter().map(|a| documents_of_entry(conn, a.journal_entry)).collect::<Result<_>>()?;
    Ok(ItemRecordView {
        id,
        meeting_id: meeting,
        number_text,
        title,
        attachment_documents,
        suggested_vedtak: suggested_vedtak(&record.behandling, record.recommendation.as_deref()),
        generated: as_text(&generated),
        record,
        eligible,
        warnings,
    })
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Saves an item's record whole, after the vote rules pass against who could
/// vote on it. Saving what is there writes nothing.
pub fn set_item(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, input: &ItemRecord) -> Result<ItemRecordView> {
    set_item_as(tx, who, id, input, "update")
}

/// [`set_item`], recorded in the history as `action` ("update", or "undo").
pub(crate) fn set_item_as(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    input: &ItemRecord,
    action: &str,
) -> Result<ItemRecordView> {
    let before = get_item(tx, id)?;
    crate::meetings::ensure_open(tx, before.meeting_id)?;
    let record = ItemRecord {
        behandling: tidy_votes(&input.behandling),
        behandling_text: clean(input.behandling_text.as_deref()),
        recommendation: clean(input.recommendation.as_deref()),
        vedtak: clean(input.vedtak.as_deref()),
        attachments: input
            .attachments
            .iter()
            .map(|a| Attachment { title: a.title.trim().to_string(), ..a.clone() })
            .collect(),
        approves_minutes: input.approves_minutes.clone(),
    };
    let items = item_ids(tx, before.meeting_id)?;
    let position = items.iter().position(|x| *x == id).unwrap_or_default();
    let (errors, _) = check_record(&record, &item_roll(tx, before.meeting_id, position)?);
    if !errors.is_empty() {
        return Err(StoreError::InvalidFields(errors));
    }
    if record == before.record && action != "undo" {
        return Ok(before);
    }
    clear(tx, before.meeting_id, Some(id))?;
    write(tx, before.meeting_id, Some(id), &record.behandling, &items)?;
    tx.execute(
        "UPDATE agenda_items SET behandling_text = ?2, recommendation = ?3, vedtak = ?4 WHERE id = ?1",
        params![id, record.behandling_text, record.recommendation, record.vedtak],
    )?;
    write_attachments(tx, Owner::Item(id), &record.attachments)?;
    write_minutes_approvals(tx, id, &record.approves_minutes)?;
    let case: Option<i64> = tx.query_row("SELECT case_id FROM agenda_items WHERE id = ?1", [id], |r| r.get(0))?;
    if let Some(case) = case {
        crate::search::reindex_case(tx, case)?;
    }
    let after = get_item(tx, id)?;
    let json = |r: &ItemRecord| serde_json::to_string(r).unwrap_or_default();
    audit::record(tx, who, action, "agenda_item", id, Some(&json(&before.record)), Some(&json(&after.record)))?;
    Ok(after)
}

/// The meeting's own business: orienteringar, interpellasjonar, spørsmål,
/// procedural proposals and votes, each placed before an item or after the last.
pub fn get_business(conn: &Connection, meeting: i64) -> Result<Behandling> {
    let items = item_ids(conn, meeting)?;
    read(conn, meeting, None, &items)
}

/// Saves the meeting's own business whole.
pub fn set_business(tx: &Transaction<'_>, who: &Actor<'_>, meeting: i64, b: &Behandling) -> Result<Behandling> {
    set_business_as(tx, who, meeting, b, "update")
}

/// [`set_business`], recorded in the history as `action` ("update", or "undo").
pub(crate) fn set_business_as(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    b: &Behandling,
    action: &str,
) -> Result<Behandling> {
    let before = get_business(tx, meeting)?;
    crate::meetings::ensure_open(tx, meeting)?;
    let b = &tidy_votes(b);
    // A vote of the meeting's own is checked against those who could vote where it stands: before a sak, as
    // in that sak; after the last, as in the last.
    let per_item = eligible_per_item(tx, meeting)?;
    let eligible_at = |vote: usize| {
        let place = b.blocks.iter().find(|bl| matches!(bl.content, BlockContent::Vote { vote: v } if v == vote));
        let all = per_item.as_ref()?;
        match place.and_then(|bl| bl.before_item) {
            Some(p) => all.get(p as usize).copied(),
            None => all.last().copied(),
        }
    };
    let mut errors = Vec::new();
    for (i, v) in b.votes.iter().enumerate() {
        for p in saksbok_core::vote::check(v, eligible_at(i)) {
            errors.push(saksbok_core::case::FieldError::new(&format!("votes.{i}"), format!("Røysting {}: {p}", i + 1)));
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::InvalidFields(errors));
    }
    if *b == before && action != "undo" {
        return Ok(before);
    }
    let items = item_ids(tx, meeting)?;
    clear(tx, meeting, None)?;
    write(tx, meeting, None, b, &items)?;
    let after = get_business(tx, meeting)?;
    // With the ids of the items its positions refer to (see `undo`).
    let json = |b: &Behandling| serde_json::json!({ "items": items, "business": b }).to_string();
    audit::record(tx, who, action, "business", meeting, Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// Whose vedlegg: a sak's (`attachments`) or the møtebok's own
/// (`meeting_attachments`, migration 0018).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    Item(i64),
    Meeting(i64),
}

impl Owner {
    /// The table, its owner column and the owner's id.
    fn table(self) -> (&'static str, &'static str, i64) {
        match self {
            Self::Item(id) => ("attachments", "agenda_item_id", id),
            Self::Meeting(id) => ("meeting_attachments", "meeting_id", id),
        }
    }
}

/// The vedlegg of an item or a møtebok, in order.
pub(crate) fn attachments_of(conn: &Connection, owner: Owner) -> Result<Vec<Attachment>> {
    let (table, column, id) = owner.table();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.title, c.year, c.seq, j.doc_seq, d.uuid FROM {table} a
         LEFT JOIN journal_entries j ON j.id = a.journal_entry_id
         LEFT JOIN cases c ON c.id = j.case_id
         LEFT JOIN documents d ON d.id = a.document_id
         WHERE a.{column} = ?1 ORDER BY a.position"
    ))?;
    let rows = stmt.query_map([id], |r| {
        let year: Option<i32> = r.get(1)?;
        let seq: Option<u32> = r.get(2)?;
        let doc: Option<u32> = r.get(3)?;
        let journal_entry = match (year, seq, doc) {
            (Some(year), Some(seq), Some(doc)) => Some(JournalNumber { case: CaseNumber { year, seq }, doc }),
            _ => None,
        };
        Ok(Attachment { title: r.get(0)?, journal_entry, document: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The møtebok's own vedlegg, with the documents of each one's journalpost.
pub fn meeting_attachments(conn: &Connection, meeting: i64) -> Result<MeetingAttachmentsView> {
    crate::meetings::get(conn, meeting)?;
    let attachments = attachments_of(conn, Owner::Meeting(meeting))?;
    let attachment_documents =
        attachments.iter().map(|a| documents_of_entry(conn, a.journal_entry)).collect::<Result<_>>()?;
    Ok(MeetingAttachmentsView { attachments, attachment_documents })
}

/// Saves the møtebok's own vedlegg whole, while the meeting is open.
/// Saving what is there writes nothing.
pub fn set_meeting_attachments(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    list: &[Attachment],
) -> Result<MeetingAttachmentsView> {
    let before = meeting_attachments(tx, meeting)?;
    crate::meetings::ensure_open(tx, meeting)?;
    let list: Vec<Attachment> =
        list.iter().map(|a| Attachment { title: a.title.trim().to_string(), ..a.clone() }).collect();
    let errors = saksbok_core::record::check_attachments(&list);
    if !errors.is_empty() {
        return Err(StoreError::InvalidFields(errors));
    }
    if list == before.attachments {
        return Ok(before);
    }
    write_attachments(tx, Owner::Meeting(meeting), &list)?;
    let after = meeting_attachments(tx, meeting)?;
    let json = |l: &[Attachment]| serde_json::to_string(l).unwrap_or_default();
    audit::record(
        tx,
        who,
        "update",
        "meeting_attachments",
        meeting,
        Some(&json(&before.attachments)),
        Some(&json(&after.attachments)),
    )?;
    Ok(after)
}

/// The documents of a journalpost, in order; none without one.
fn documents_of_entry(conn: &Connection, entry: Option<JournalNumber>) -> Result<Vec<AttachmentDocument>> {
    let Some(n) = entry else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT d.uuid, d.file_name FROM documents d JOIN journal_entries j ON j.id = d.journal_entry_id
         JOIN cases c ON c.id = j.case_id WHERE c.year = ?1 AND c.seq = ?2 AND j.doc_seq = ?3 ORDER BY d.position",
    )?;
    let rows = stmt.query_map(params![n.case.year, n.case.seq, n.doc], |r| {
        Ok(AttachmentDocument { uuid: r.get(0)?, file_name: r.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The votes as they are kept: percentages trimmed, an empty one none.
fn tidy_votes(b: &Behandling) -> Behandling {
    let tidy = |p: &Option<String>| p.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
    let mut b = b.clone();
    for v in &mut b.votes {
        v.percent_for = tidy(&v.percent_for);
        v.percent_against = tidy(&v.percent_against);
    }
    b
}

/// The earlier meetings whose møtebok the sak approves, in order.
pub fn minutes_approved_by(conn: &Connection, item: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT meeting_id FROM minutes_approvals WHERE agenda_item_id = ?1 ORDER BY position")?;
    let ids = stmt.query_map([item], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Which sak approved the møtebok of `meeting`, if one says so: the sak's
/// number ("1/27") and its meeting's date.
pub fn minutes_approved_in(conn: &Connection, meeting: i64) -> Result<Option<(String, chrono::NaiveDate)>> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT a.id, m.date FROM minutes_approvals x JOIN agenda_items a ON a.id = x.agenda_item_id
             JOIN meetings m ON m.id = a.meeting_id WHERE x.meeting_id = ?1 ORDER BY m.date, a.position LIMIT 1",
            [meeting],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((item, date)) = row else { return Ok(None) };
    let (_, agenda) = crate::agenda::agenda_item(conn, item)?;
    Ok(Some((agenda.number.to_string(), crate::sql::parse_date(&date)?)))
}

/// Saves which earlier meetings' møtebøker the sak approves: each one of
/// the same board, held before this meeting, named once.
fn write_minutes_approvals(tx: &Transaction<'_>, item: i64, meetings: &[i64]) -> Result<()> {
    let (board, date): (i64, String) = tx.query_row(
        "SELECT m.board_id, m.date FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?1",
        [item],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute("DELETE FROM minutes_approvals WHERE agenda_item_id = ?1", [item])?;
    for (i, m) in meetings.iter().enumerate() {
        let problem = |message: String| {
            StoreError::InvalidFields(vec![saksbok_core::case::FieldError::new(
                &format!("approves_minutes.{i}"),
                message,
            )])
        };
        if meetings[..i].contains(m) {
            return Err(problem("Same møteboka er vald to gonger. Ta bort den eine.".into()));
        }
        let other: Option<(i64, String)> = tx
            .query_row("SELECT board_id, date FROM meetings WHERE id = ?1", [m], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((other_board, other_date)) = other else {
            return Err(problem("Møtet finst ikkje i registeret lenger. Vel eit anna.".into()));
        };
        if other_board != board {
            return Err(problem(
                "Eit utval godkjenner berre møtebøkene frå sine eigne møte. Vel eit møte i same utval.".into(),
            ));
        }
        if other_date >= date {
            return Err(problem(format!(
                "Møtet {} er ikkje før dette møtet, så møteboka kan ikkje godkjennast her.",
                saksbok_core::date::format_date(crate::sql::parse_date(&other_date)?)
            )));
        }
        tx.execute(
            "INSERT INTO minutes_approvals (agenda_item_id, position, meeting_id) VALUES (?1, ?2, ?3)",
            params![item, i as i64, m],
        )?;
    }
    Ok(())
}

/// Replaces the vedlegg of an item or a møtebok; a journalpost (and a
/// document of it) must be in the register.
fn write_attachments(tx: &Transaction<'_>, owner: Owner, list: &[Attachment]) -> Result<()> {
    let (table, column, id) = owner.table();
    tx.execute(&format!("DELETE FROM {table} WHERE {column} = ?1"), [id])?;
    for (i, a) in list.iter().enumerate() {
        let entry = match a.journal_entry {
            Some(n) => Some(
                tx.query_row(
                    "SELECT j.id FROM journal_entries j JOIN cases c ON c.id = j.case_id
                     WHERE c.year = ?1 AND c.seq = ?2 AND j.doc_seq = ?3",
                    params![n.case.year, n.case.seq, n.doc],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::InvalidFields(vec![saksbok_core::case::FieldError::new(
                        &format!("attachments.{i}.journal_entry"),
                        format!("Journalpost {n} finst ikkje i registeret."),
                    )])
                })?,
            ),
            None => None,
        };
        let problem = |what: &str, message: String| {
            StoreError::InvalidFields(vec![saksbok_core::case::FieldError::new(
                &format!("attachments.{i}.{what}"),
                message,
            )])
        };
        let (entry, document) = match a.document.as_deref() {
            None => (entry, None),
            Some(uuid) => {
                let (doc, of) = tx
                    .query_row("SELECT id, journal_entry_id FROM documents WHERE uuid = ?1", [uuid], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                    })
                    .optional()?
                    .ok_or_else(|| problem("document", "Dokumentet finst ikkje i registeret lenger.".into()))?;
                match (entry, a.journal_entry) {
                    (Some(e), Some(n)) if e != of => {
                        return Err(problem(
                            "document",
                            format!("Dokumentet høyrer ikkje til journalpost {n}. Vel eit av journalposten sine."),
                        ));
                    }
                    _ => (Some(of), Some(doc)),
                }
            }
        };
        tx.execute(
            &format!(
                "INSERT INTO {table} ({column}, position, title, journal_entry_id, document_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)"
            ),
            params![id, i as i64, a.title, entry, document],
        )?;
    }
    Ok(())
}
