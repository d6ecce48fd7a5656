-- Meeting mode and saksgang: what the secretary is typing, kept so nothing
-- is lost if the laptop dies; and cases sent on from one board to the next.

-- A step being typed in meeting mode (the roll, an item's behandling, the
-- meeting's business), saved within a second of a pause and removed when the
-- step is committed. Local work in progress: not exported, not audited.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL CHECK (length(key) > 0),  -- "roll", "business", "item:12"
    content    TEXT    NOT NULL,                          -- JSON as the window had it
    saved_at   TEXT    NOT NULL,
    UNIQUE (meeting_id, key)
) STRICT;

-- A case waiting for a board's meeting: sent on from another board's
-- vedtak (formannskapet → kommunestyret), with that vedtak as the new
-- tilråding. agenda_item_id is set when it is put on a sakliste, and
-- cleared again if it is taken off.
CREATE TABLE waiting_cases (
    id             INTEGER PRIMARY KEY,
    board_id       INTEGER NOT NULL REFERENCES boards (id),
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    from_item_id   INTEGER REFERENCES agenda_items (id),
    recommendation TEXT,
    sent_at        TEXT    NOT NULL,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    UNIQUE (board_id, case_id, from_item_id)
) STRICT;

CREATE INDEX waiting_cases_board ON waiting_cases (board_id, agenda_item_id);
CREATE INDEX waiting_cases_case ON waiting_cases (case_id);
CREATE INDEX waiting_cases_from_item ON waiting_cases (from_item_id);
CREATE INDEX waiting_cases_agenda_item ON waiting_cases (agenda_item_id);
