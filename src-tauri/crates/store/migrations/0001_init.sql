-- Saksbok schema, version 1.
-- Dates are ISO 8601 text (yyyy-mm-dd), timestamps RFC 3339 in UTC, times HH:MM.
-- Every table is STRICT so a wrong type is an error, not a silent conversion.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO settings (key, value) VALUES ('municipality', 'Luster kommune');

-- Arkivsak (Noark saksmappe). Number = year/seq, unique, never reused.
CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    officer         TEXT,             -- saksansvarleg / sakshandsamar
    unit            TEXT,             -- avdeling
    screening_basis TEXT,             -- skjerming: legal basis, NULL = open
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (year, seq)
) STRICT;

-- The highest sequence number ever handed out per year, so numbers of
-- deleted cases are never handed out again.
CREATE TABLE case_number_series (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL CHECK (last_seq >= 1)
) STRICT;

-- Utval: kommunestyret, formannskapet, kontrollutvalet, ...
CREATE TABLE boards (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    code TEXT UNIQUE                  -- short code used in numbering, e.g. FSK
) STRICT;

-- People as protocols name them: free text, with an optional qualifier such
-- as "(Jostedal)" to tell namesakes apart.
CREATE TABLE persons (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    qualifier TEXT
) STRICT;

CREATE TABLE board_members (
    id        INTEGER PRIMARY KEY,
    board_id  INTEGER NOT NULL REFERENCES boards (id),
    person_id INTEGER NOT NULL REFERENCES persons (id),
    party     TEXT,
    role      TEXT    NOT NULL CHECK (role IN ('leiar', 'nestleiar', 'medlem', 'varamedlem')),
    term_from TEXT,
    term_to   TEXT
) STRICT;

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    board_id    INTEGER NOT NULL REFERENCES boards (id),
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    place       TEXT,
    start_time  TEXT,
    end_time    TEXT,
    -- Set when the protocol is approved; from then on the meeting is locked.
    approved_at TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (id, board_id)
) STRICT;

CREATE TABLE meeting_attendance (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id      INTEGER REFERENCES persons (id),
    name           TEXT    NOT NULL,
    party          TEXT,
    kind           TEXT    NOT NULL CHECK (kind IN ('medlem', 'forfall', 'varamedlem', 'administrasjon', 'andre')),
    substitute_for INTEGER REFERENCES meeting_attendance (id),
    note           TEXT,              -- "kom kl. 10:15", "sak 12 og del av sak 15"
    position       INTEGER NOT NULL
) STRICT;

-- Utvalssak: a case on a board's sakliste, numbered per board per year.
-- board_id repeats the meeting's board so the numbering can be unique; the
-- composite foreign key keeps the two in step.
CREATE TABLE agenda_items (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL,
    board_id       INTEGER NOT NULL,
    case_id        INTEGER REFERENCES cases (id),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    position       INTEGER NOT NULL,
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    recommendation TEXT,             -- tilråding / innstilling
    closed_basis   TEXT,             -- lukka møte: legal basis
    vedtak         TEXT,
    FOREIGN KEY (meeting_id, board_id) REFERENCES meetings (id, board_id) ON DELETE CASCADE,
    UNIQUE (board_id, year, seq),
    UNIQUE (meeting_id, position)
) STRICT;

CREATE INDEX agenda_items_case ON agenda_items (case_id);

-- Framlegg. agenda_item_id is NULL for proposals that belong to the meeting
-- (changes to the sakliste, electing who signs).
CREATE TABLE proposals (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('utsetjing', 'endring', 'tillegg', 'alternativt', 'anna')),
    party          TEXT,
    proposer       TEXT,
    intro          TEXT,             -- clerk's own lead-in; NULL = phrase template
    text           TEXT    NOT NULL,
    inline         INTEGER NOT NULL DEFAULT 0 CHECK (inline IN (0, 1))
) STRICT;

-- Røysting. Counts not given are NULL, never computed.
CREATE TABLE votes (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    proposal_id    INTEGER REFERENCES proposals (id),
    subject        TEXT    NOT NULL,
    unanimous      INTEGER NOT NULL DEFAULT 0 CHECK (unanimous IN (0, 1)),
    votes_for      INTEGER CHECK (votes_for >= 0),
    votes_against  INTEGER CHECK (votes_against >= 0),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('vedteke', 'fall')),
    chair_decided  INTEGER NOT NULL DEFAULT 0 CHECK (chair_decided IN (0, 1)),
    text_override  TEXT
) STRICT;

-- The behandling of an agenda item, in print order: free text, or a
-- reference to a proposal or vote that is narrated by the phrase templates.
CREATE TABLE behandling_blocks (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('text', 'proposal', 'vote')),
    text           TEXT,
    proposal_id    INTEGER REFERENCES proposals (id),
    vote_id        INTEGER REFERENCES votes (id),
    joins_previous INTEGER NOT NULL DEFAULT 0 CHECK (joins_previous IN (0, 1)),
    CHECK ((kind = 'text') = (text IS NOT NULL)),
    CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL)),
    CHECK ((kind = 'vote') = (vote_id IS NOT NULL)),
    UNIQUE (agenda_item_id, position)
) STRICT;

-- Every protocol PDF Saksbok has written, with the SHA-256 of its bytes.
CREATE TABLE printed_protocols (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('saksprotokoll', 'moteprotokoll')),
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    path           TEXT    NOT NULL,
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL
) STRICT;

-- Who changed what, when; written in the same transaction as the change.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,                  -- JSON
    after     TEXT                   -- JSON
) STRICT;
