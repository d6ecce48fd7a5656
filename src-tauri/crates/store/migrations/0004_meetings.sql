-- Meetings as the secretary plans them: a status (planlagt, halde,
-- protokoll godkjend), the innkalling facts, and a sakliste whose items are
-- numbered per board, number series and year.

ALTER TABLE meetings ADD COLUMN status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'held', 'approved'));
-- Every meeting so far was recorded after it was held.
UPDATE meetings SET status = CASE WHEN approved_at IS NULL THEN 'held' ELSE 'approved' END;
-- The innkalling: the day it was sent and how ("e-post og kommunen si nettside").
-- The cases it covered are the items not added late.
ALTER TABLE meetings ADD COLUMN notice_sent TEXT
    CHECK (notice_sent IS NULL OR notice_sent GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE meetings ADD COLUMN notice_method TEXT;

-- A series is named together with its board, so an item's series is one of its board's.
CREATE UNIQUE INDEX board_series_board ON board_series (id, board_id);

-- Agenda items get their series, so PS 7/21 and RS 7/21 can both exist:
-- the table is rebuilt because a UNIQUE constraint cannot be altered. (A
-- case twice on one sakliste is refused by the sakliste's own check; older
-- files may hold it, so the table does not.)
-- Migrations run with foreign keys off; the children keep pointing at
-- agenda_items by name.
-- AUTOINCREMENT: an item taken off a sakliste never lends its id (and its
-- history) to the next one added.
CREATE TABLE agenda_items_v4 (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id     INTEGER NOT NULL,
    board_id       INTEGER NOT NULL,
    series_id      INTEGER NOT NULL,
    case_id        INTEGER REFERENCES cases (id),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    -- Given by hand (kept when the others are renumbered).
    number_given   INTEGER NOT NULL DEFAULT 0 CHECK (number_given IN (0, 1)),
    position       INTEGER NOT NULL,
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    recommendation TEXT,             -- tilråding / innstilling
    -- Lukka møte (kl. § 11-5), with its legal basis when the protocol gives one.
    closed         INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    closed_basis   TEXT CHECK (closed_basis IS NULL OR closed = 1),
    -- Tilleggssak: not in the innkalling, added at or just before the meeting.
    added_late     INTEGER NOT NULL DEFAULT 0 CHECK (added_late IN (0, 1)),
    vedtak         TEXT,
    FOREIGN KEY (meeting_id, board_id) REFERENCES meetings (id, board_id) ON DELETE CASCADE,
    FOREIGN KEY (series_id, board_id) REFERENCES board_series (id, board_id),
    UNIQUE (series_id, year, seq),
    UNIQUE (meeting_id, position)
) STRICT;

INSERT INTO agenda_items_v4 (id, meeting_id, board_id, series_id, case_id, year, seq, number_given, position, title,
                             recommendation, closed, closed_basis, vedtak)
SELECT a.id, a.meeting_id, a.board_id,
       (SELECT s.id FROM board_series s WHERE s.board_id = a.board_id ORDER BY s.position LIMIT 1),
       a.case_id, a.year, a.seq, 1, a.position, a.title,
       a.recommendation, a.closed_basis IS NOT NULL, a.closed_basis, a.vedtak
FROM agenda_items a;

DROP TABLE agenda_items;
ALTER TABLE agenda_items_v4 RENAME TO agenda_items;

CREATE INDEX agenda_items_case ON agenda_items (case_id);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, board_id);
CREATE INDEX agenda_items_series ON agenda_items (series_id, board_id);
