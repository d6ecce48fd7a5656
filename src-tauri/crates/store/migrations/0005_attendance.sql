-- Attendance decided per agenda item: who came late or left early (by item
-- and by the clock), who was away for single items, who was ugild where and
-- which varamedlem took the seat for that item; the job title of those who
-- are not members; who chaired and who signs the protocol; and a head count
-- when the protocol gives no names.

ALTER TABLE meeting_attendance ADD COLUMN title TEXT;            -- "kommunedirektør", for administrasjon and andre
ALTER TABLE meeting_attendance ADD COLUMN from_item_id INTEGER REFERENCES agenda_items (id);  -- NULL: from the start
ALTER TABLE meeting_attendance ADD COLUMN to_item_id INTEGER REFERENCES agenda_items (id);    -- NULL: to the end
ALTER TABLE meeting_attendance ADD COLUMN arrived_at TEXT
    CHECK (arrived_at IS NULL OR arrived_at GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE meeting_attendance ADD COLUMN left_at TEXT
    CHECK (left_at IS NULL OR left_at GLOB '[0-2][0-9]:[0-5][0-9]');
-- Named to sign the protocol (Underskrifter).
ALTER TABLE meeting_attendance ADD COLUMN signs INTEGER NOT NULL DEFAULT 0 CHECK (signs IN (0, 1));
-- Chaired the meeting (møteleiar); one per meeting.
ALTER TABLE meeting_attendance ADD COLUMN chair INTEGER NOT NULL DEFAULT 0 CHECK (chair IN (0, 1));
CREATE UNIQUE INDEX meeting_attendance_one_chair ON meeting_attendance (meeting_id) WHERE chair = 1;

CREATE INDEX meeting_attendance_from_item ON meeting_attendance (from_item_id);
CREATE INDEX meeting_attendance_to_item ON meeting_attendance (to_item_id);

-- Items someone present missed in between ("forfall i sak 12/21").
CREATE TABLE attendance_away (
    id             INTEGER PRIMARY KEY,
    attendance_id  INTEGER NOT NULL REFERENCES meeting_attendance (id) ON DELETE CASCADE,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
    UNIQUE (attendance_id, agenda_item_id)
) STRICT;

CREATE INDEX attendance_away_item ON attendance_away (agenda_item_id);

-- A member ugild in one item, the legal basis, and the varamedlem (also an
-- attendance row) who took the seat for that item alone.
CREATE TABLE disqualifications (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
    member_id      INTEGER NOT NULL REFERENCES meeting_attendance (id) ON DELETE CASCADE,
    basis          TEXT    NOT NULL CHECK (length(trim(basis)) > 0),
    substitute_id  INTEGER REFERENCES meeting_attendance (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    UNIQUE (agenda_item_id, member_id)
) STRICT;

CREATE INDEX disqualifications_member ON disqualifications (member_id);
CREATE INDEX disqualifications_substitute ON disqualifications (substitute_id);

-- "N medlemer møtte" when the protocol names no one.
ALTER TABLE meetings ADD COLUMN head_count INTEGER CHECK (head_count IS NULL OR head_count >= 0);
-- The chair was a stand-in elected at the start of the meeting.
ALTER TABLE meetings ADD COLUMN chair_elected INTEGER NOT NULL DEFAULT 0 CHECK (chair_elected IN (0, 1));
-- The item in which the signatories were elected (often "Godkjenning av
-- møtebok"); none: they were named for the meeting.
ALTER TABLE agenda_items ADD COLUMN elects_signatories INTEGER NOT NULL DEFAULT 0
    CHECK (elects_signatories IN (0, 1));
CREATE UNIQUE INDEX agenda_items_one_signatories_item ON agenda_items (meeting_id) WHERE elects_signatories = 1;
