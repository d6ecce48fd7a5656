-- The møtebok's own vedlegg, not of one sak: a presentation given in an
-- orientering, a report laid before the meeting. Like a sak's vedlegg
-- (0006): a journalpost or one of its documents, or only a title; printed
-- after the møtebok's last part. Locked with the meeting at approval: no
-- update or delete then (as 0011; no insert trigger, so that an import can
-- bring an approved meeting over whole; the store refuses new rows itself).
CREATE TABLE meeting_attachments (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    journal_entry_id INTEGER REFERENCES journal_entries (id),
    document_id      INTEGER REFERENCES documents (id),
    UNIQUE (meeting_id, position)
) STRICT;

CREATE INDEX meeting_attachments_journal_entry ON meeting_attachments (journal_entry_id);
CREATE INDEX meeting_attachments_document ON meeting_attachments (document_id);

CREATE TRIGGER meeting_attachments_locked_update BEFORE UPDATE ON meeting_attachments
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved' OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER meeting_attachments_locked_delete BEFORE DELETE ON meeting_attachments
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;
