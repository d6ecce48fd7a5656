-- What an approved meeting's protocols are made with: the board's protocol
-- layout and phrase templates as they were at approval (JSON {"layout": …,
-- "phrases": …}), so that a later change of either never changes what the
-- meeting shows. Set by the same UPDATE that approves the meeting, then
-- locked with it by 0011's triggers. No existing row is touched: meetings
-- approved before this have none, and are shown with the board's settings
-- (their approved bytes are kept all the same).
ALTER TABLE meetings ADD COLUMN frozen TEXT CHECK (frozen IS NULL OR json_valid(frozen));

-- Scanned copies of an approved møtebok signed in ink, attached to the
-- meeting; the bytes in blobs by SHA-256. Never changed or deleted.
CREATE TABLE meeting_scans (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    file_name  TEXT    NOT NULL CHECK (length(trim(file_name)) > 0),
    media_type TEXT    NOT NULL,
    sha256     TEXT    NOT NULL REFERENCES blobs (sha256),
    size       INTEGER NOT NULL CHECK (size > 0),
    created_at TEXT    NOT NULL,
    created_by TEXT    NOT NULL
) STRICT;

CREATE INDEX meeting_scans_meeting ON meeting_scans (meeting_id);
CREATE INDEX meeting_scans_blob ON meeting_scans (sha256);

CREATE TRIGGER meeting_scans_kept_update BEFORE UPDATE ON meeting_scans
BEGIN
    SELECT RAISE(ABORT, 'Ein skanna kopi av protokollen kan ikkje endrast eller slettast.');
END;

CREATE TRIGGER meeting_scans_kept_delete BEFORE DELETE ON meeting_scans
BEGIN
    SELECT RAISE(ABORT, 'Ein skanna kopi av protokollen kan ikkje endrast eller slettast.');
END;
