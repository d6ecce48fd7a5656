-- Saksbok schema, version 2: the case register.
-- Runs with foreign keys switched off (see migrate.rs) so `cases` can be
-- rebuilt; `PRAGMA foreign_key_check` must be clean before it commits.

-- Arkivsak with its Noark systemID (uuid), status, public title, arkivkode,
-- dates and notes. `sort_key` is the title's Norwegian collation key
-- (… X Y Z Æ Ø Å), written by the app, never by hand.
CREATE TABLE cases_v2 (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    public_title    TEXT,
    status          TEXT    NOT NULL
                    CHECK (status IN ('opened', 'in_progress', 'closed_by_officer', 'closed', 'cancelled')),
    officer         TEXT,             -- saksansvarleg
    unit            TEXT,             -- avdeling
    classification  TEXT,             -- arkivkode / klassering
    screening_basis TEXT,             -- skjerming: legal basis, NULL = open
    opened_on       TEXT    CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    closed_on       TEXT    CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes           TEXT,
    sort_key        BLOB,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (year, seq)
) STRICT;

INSERT INTO cases_v2 (id, uuid, year, seq, title, status, officer, unit, screening_basis, created_at, updated_at)
SELECT id,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(6))),
       year, seq, title, 'in_progress', officer, unit, screening_basis, created_at, updated_at
FROM cases;

DROP TABLE cases;
ALTER TABLE cases_v2 RENAME TO cases;

-- The list sorted by title pages through this index without sorting.
CREATE INDEX cases_sort_key ON cases (sort_key, year DESC, seq DESC);
CREATE INDEX cases_status ON cases (status);
-- The saksansvarleg filter and its list of names.
CREATE INDEX cases_officer ON cases (officer);

-- Cases are closed or marked "utgår", never deleted, and keep their number.
CREATE TRIGGER cases_never_deleted BEFORE DELETE ON cases
BEGIN
    SELECT RAISE(ABORT, 'Ei arkivsak vert aldri sletta: set status «Utgår» i staden.');
END;

CREATE TRIGGER cases_number_fixed BEFORE UPDATE OF year, seq ON cases
WHEN new.year IS NOT old.year OR new.seq IS NOT old.seq
BEGIN
    SELECT RAISE(ABORT, 'Saksnummeret til ei arkivsak kan ikkje endrast.');
END;

-- Whoever inserts a case (the app, the command line, an import), the year's
-- series moves past its number, so the number is never handed out again.
CREATE TRIGGER cases_number_series AFTER INSERT ON cases
BEGIN
    INSERT INTO case_number_series (year, last_seq) VALUES (new.year, new.seq)
    ON CONFLICT (year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq);
END;

-- Journalpostar: documents registered in a case, numbered 21/1069-1, -2, …
CREATE TABLE journal_entries (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    doc_seq         INTEGER NOT NULL CHECK (doc_seq >= 1),
    kind            TEXT    NOT NULL
                    CHECK (kind IN ('incoming', 'outgoing', 'memo', 'memo_no_follow_up', 'case_presentation')),
    journal_date    TEXT    NOT NULL CHECK (journal_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    correspondent   TEXT,             -- avsendar / mottakar
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    public_title    TEXT,
    status          TEXT    NOT NULL
                    CHECK (status IN ('registered', 'finalised', 'dispatched', 'journalised', 'archived', 'cancelled')),
    screening_basis TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (case_id, doc_seq)
) STRICT;

CREATE INDEX journal_entries_date ON journal_entries (journal_date);

CREATE TRIGGER journal_entries_never_deleted BEFORE DELETE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'Ein journalpost vert aldri sletta: set status «Utgår» i staden.');
END;

-- Document contents, stored once per SHA-256 however many documents share
-- them, inside the database so one backup holds everything.
CREATE TABLE blobs (
    sha256  TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    size    INTEGER NOT NULL CHECK (size >= 0),
    content BLOB    NOT NULL,
    CHECK (length(content) = size)
) STRICT, WITHOUT ROWID;

-- Documents (Noark dokumentbeskrivelse + dokumentobjekt) of a journalpost.
CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    journal_entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
    position         INTEGER NOT NULL CHECK (position >= 1),
    file_name        TEXT    NOT NULL CHECK (length(trim(file_name)) > 0),
    media_type       TEXT    NOT NULL,
    sha256           TEXT    NOT NULL REFERENCES blobs (sha256),
    size             INTEGER NOT NULL CHECK (size >= 0),
    created_at       TEXT    NOT NULL,
    UNIQUE (journal_entry_id, position)
) STRICT;

CREATE INDEX documents_blob ON documents (sha256);

CREATE TRIGGER documents_never_deleted BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'Eit dokument vert aldri sletta frå ein journalpost.');
END;

CREATE TRIGGER blobs_never_changed BEFORE UPDATE ON blobs
BEGIN
    SELECT RAISE(ABORT, 'Innhaldet i eit lagra dokument kan ikkje endrast.');
END;

-- Full-text search, one row per case (rowid = cases.id), kept by the app in
-- the same transaction as every change. remove_diacritics 0: æ, ø and å are
-- letters of their own, so "for" does not find "før". Prefix indexes make
-- the first letters typed in a search box (a prefix query) fast.
CREATE VIRTUAL TABLE case_search USING fts5 (
    number, title, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);

-- Every import into this database: when, by whom, from what and how much.
-- Kept apart from the history, which an import carries over as it was, and
-- left out of the export, so export → import → export is byte-identical.
CREATE TABLE import_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    format      INTEGER NOT NULL,
    summary     TEXT    NOT NULL  -- JSON: rows added per table
) STRICT;

-- An index on every foreign-key child column, and on the history's subject.
CREATE INDEX board_members_board ON board_members (board_id);
CREATE INDEX board_members_person ON board_members (person_id);
CREATE INDEX meetings_board ON meetings (board_id, date);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);
CREATE INDEX meeting_attendance_person ON meeting_attendance (person_id);
CREATE INDEX meeting_attendance_substitute ON meeting_attendance (substitute_for);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, board_id);
CREATE INDEX proposals_meeting ON proposals (meeting_id);
CREATE INDEX proposals_agenda_item ON proposals (agenda_item_id);
CREATE INDEX votes_meeting ON votes (meeting_id);
CREATE INDEX votes_agenda_item ON votes (agenda_item_id);
CREATE INDEX votes_proposal ON votes (proposal_id);
CREATE INDEX behandling_blocks_proposal ON behandling_blocks (proposal_id);
CREATE INDEX behandling_blocks_vote ON behandling_blocks (vote_id);
CREATE INDEX printed_protocols_meeting ON printed_protocols (meeting_id);
CREATE INDEX printed_protocols_agenda_item ON printed_protocols (agenda_item_id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- One vocabulary in the history: English names in the stored rows (the
-- window shows them in Nynorsk). Version 1 wrote Nynorsk ones.
UPDATE audit_log SET entity = 'case', action = 'create',
       after = json_object('number', json_extract(after, '$.nummer'), 'title', json_extract(after, '$.tittel'))
WHERE entity = 'sak';
UPDATE audit_log SET entity = 'meeting', action = 'create' WHERE entity = 'møte';
UPDATE audit_log SET entity = 'agenda_item', action = 'create' WHERE entity = 'utvalssak';
UPDATE audit_log SET entity = 'printed_protocol', action = 'print',
       after = json_object('agenda_item_id', json_extract(after, '$.utvalssak_id'),
                           'path', json_extract(after, '$.fil'), 'sha256', json_extract(after, '$.sha256'))
WHERE entity = 'saksprotokoll';
