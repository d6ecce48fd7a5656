-- Behandling as real protocols record it: votes whose outcome may be
-- unknown, votes between two proposals (A against B), counts per party;
-- business that belongs to the meeting, not to a case (orienteringar,
-- interpellasjonar, spørsmål, procedural proposals and votes), placed
-- between or after the items; the clerk's own wording of an item's whole
-- behandling; attachments per item; phrase templates per board and language.

-- Votes are rebuilt: the outcome may be unknown (NULL), which a NOT NULL
-- column cannot be altered to allow. Migrations run with foreign keys off.
CREATE TABLE votes_v6 (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id    INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,  -- NULL: a vote of the meeting
    position          INTEGER NOT NULL,
    proposal_id       INTEGER REFERENCES proposals (id),
    subject           TEXT    NOT NULL,
    unanimous         INTEGER NOT NULL DEFAULT 0 CHECK (unanimous IN (0, 1)),
    votes_for         INTEGER CHECK (votes_for >= 0),
    votes_against     INTEGER CHECK (votes_against >= 0),
    -- NULL: the protocol does not say.
    outcome           TEXT    CHECK (outcome IS NULL OR outcome IN ('vedteke', 'fall')),
    chair_decided     INTEGER NOT NULL DEFAULT 0 CHECK (chair_decided IN (0, 1)),
    text_override     TEXT,
    -- A vote between two proposals: B and B's count (A's count is votes_for).
    -- outcome 'vedteke' means A won, 'fall' that B won.
    other_proposal_id INTEGER REFERENCES proposals (id),
    other_subject     TEXT,
    other_votes       INTEGER CHECK (other_votes >= 0),
    CHECK (other_subject IS NOT NULL OR (other_proposal_id IS NULL AND other_votes IS NULL)),
    CHECK (other_subject IS NULL OR votes_against IS NULL)
) STRICT;

INSERT INTO votes_v6 (id, meeting_id, agenda_item_id, position, proposal_id, subject, unanimous, votes_for,
                      votes_against, outcome, chair_decided, text_override)
SELECT id, meeting_id, agenda_item_id, position, proposal_id, subject, unanimous, votes_for,
       votes_against, outcome, chair_decided, text_override
FROM votes;

DROP TABLE votes;
ALTER TABLE votes_v6 RENAME TO votes;

CREATE INDEX votes_meeting ON votes (meeting_id);
CREATE INDEX votes_agenda_item ON votes (agenda_item_id);
CREATE INDEX votes_proposal ON votes (proposal_id);
CREATE INDEX votes_other_proposal ON votes (other_proposal_id);

-- Counts per party as the protocol gives them ("For: Sp 3, H 2"); a party
-- that split has both sides.
CREATE TABLE vote_parties (
    id            INTEGER PRIMARY KEY,
    vote_id       INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    party         TEXT    NOT NULL CHECK (length(trim(party)) > 0),
    votes_for     INTEGER CHECK (votes_for >= 0),
    votes_against INTEGER CHECK (votes_against >= 0),
    UNIQUE (vote_id, party)
) STRICT;

-- Behandling blocks are rebuilt to belong to the meeting, and to an item
-- only when they are part of its behandling.
CREATE TABLE behandling_blocks_v6 (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,  -- NULL: business of the meeting
    -- Business of the meeting stands before this item; NULL: after the last.
    before_item_id INTEGER REFERENCES agenda_items (id),
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL
        CHECK (kind IN ('text', 'proposal', 'vote', 'orientering', 'interpellasjon', 'sporsmal')),
    title          TEXT,             -- orientering, interpellasjon, spørsmål: from whom, about what
    text           TEXT,
    answer         TEXT,             -- the answer to an interpellasjon or spørsmål
    proposal_id    INTEGER REFERENCES proposals (id),
    vote_id        INTEGER REFERENCES votes (id),
    joins_previous INTEGER NOT NULL DEFAULT 0 CHECK (joins_previous IN (0, 1)),
    CHECK ((kind IN ('text', 'orientering', 'interpellasjon', 'sporsmal')) = (text IS NOT NULL)),
    CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL)),
    CHECK ((kind = 'vote') = (vote_id IS NOT NULL)),
    CHECK (answer IS NULL OR kind IN ('interpellasjon', 'sporsmal')),
    CHECK (agenda_item_id IS NULL OR before_item_id IS NULL)
) STRICT;

INSERT INTO behandling_blocks_v6 (id, meeting_id, agenda_item_id, position, kind, text, proposal_id, vote_id,
                                  joins_previous)
SELECT b.id, a.meeting_id, b.agenda_item_id, b.position, b.kind, b.text, b.proposal_id, b.vote_id, b.joins_previous
FROM behandling_blocks b JOIN agenda_items a ON a.id = b.agenda_item_id;

DROP TABLE behandling_blocks;
ALTER TABLE behandling_blocks_v6 RENAME TO behandling_blocks;

CREATE INDEX behandling_blocks_meeting ON behandling_blocks (meeting_id, agenda_item_id, position);
CREATE INDEX behandling_blocks_item ON behandling_blocks (agenda_item_id, position);
CREATE INDEX behandling_blocks_before ON behandling_blocks (before_item_id);
CREATE INDEX behandling_blocks_proposal ON behandling_blocks (proposal_id);
CREATE INDEX behandling_blocks_vote ON behandling_blocks (vote_id);

-- A procedural proposal of the meeting that concerns one case (to postpone it, send it back).
ALTER TABLE proposals ADD COLUMN concerns_item_id INTEGER REFERENCES agenda_items (id);
CREATE INDEX proposals_concerns_item ON proposals (concerns_item_id);

-- The clerk's own wording of an item's whole behandling; NULL: generated.
ALTER TABLE agenda_items ADD COLUMN behandling_text TEXT;

-- Vedlegg listed after an item's vedtak: a journalpost or a document of the
-- register, or only a title.
CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    agenda_item_id   INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    journal_entry_id INTEGER REFERENCES journal_entries (id),
    document_id      INTEGER REFERENCES documents (id),
    UNIQUE (agenda_item_id, position)
) STRICT;

CREATE INDEX attachments_journal_entry ON attachments (journal_entry_id);
CREATE INDEX attachments_document ON attachments (document_id);

-- Phrase templates that differ from the built-in ones, per language, for
-- every board (board_id NULL) or one board.
CREATE TABLE phrase_templates (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER REFERENCES boards (id),
    language TEXT    NOT NULL CHECK (language IN ('nn', 'nb')),
    key      TEXT    NOT NULL CHECK (length(key) > 0),
    text     TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX phrase_templates_key ON phrase_templates (ifnull(board_id, 0), language, key);
CREATE INDEX phrase_templates_board ON phrase_templates (board_id);
