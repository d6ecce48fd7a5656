-- "Godkjenning av møtebok": a sak that approves the møtebøker of earlier
-- meetings of its board (the first sak of a meeting often approves
-- several). Saved with the sak's record and locked with its meeting at
-- approval, like its vedlegg; an approved møtebok's meeting cannot be
-- deleted while a sak says it approved it.
CREATE TABLE minutes_approvals (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    UNIQUE (agenda_item_id, position),
    UNIQUE (agenda_item_id, meeting_id)
) STRICT;

CREATE INDEX minutes_approvals_meeting ON minutes_approvals (meeting_id);

CREATE TRIGGER minutes_approvals_locked_update BEFORE UPDATE ON minutes_approvals
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved' OR (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER minutes_approvals_locked_delete BEFORE DELETE ON minutes_approvals
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;
