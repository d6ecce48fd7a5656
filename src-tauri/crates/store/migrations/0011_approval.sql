-- Approval: who approved the protocol and how ("godkjend i møte 12/27"),
-- and which print is the approved møtebok (its bytes are what every later
-- copy is made from; one per meeting, never changed or deleted). From approval on, the meeting and everything recorded in it
-- is locked here, in the database, whoever asks: the app, the command line,
-- a future bug or a raw SQL session. INSERTs are refused by the store (an
-- import must be able to bring an approved meeting over whole); UPDATE and
-- DELETE of a locked row raise in these triggers. A later migration that
-- must touch locked rows drops and re-creates a trigger by name, in the open.
ALTER TABLE meetings ADD COLUMN approved_by TEXT;
ALTER TABLE meetings ADD COLUMN approval_note TEXT;
ALTER TABLE printed_protocols ADD COLUMN approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1));
CREATE UNIQUE INDEX printed_protocols_approved ON printed_protocols (meeting_id) WHERE approved = 1;

CREATE TRIGGER meetings_locked_update BEFORE UPDATE ON meetings WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER meetings_locked_delete BEFORE DELETE ON meetings WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER agenda_items_locked_update BEFORE UPDATE ON agenda_items
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved' OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER agenda_items_locked_delete BEFORE DELETE ON agenda_items
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER meeting_attendance_locked_update BEFORE UPDATE ON meeting_attendance
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved' OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER meeting_attendance_locked_delete BEFORE DELETE ON meeting_attendance
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER attendance_away_locked_update BEFORE UPDATE ON attendance_away
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM meeting_attendance WHERE id = OLD.attendance_id)) = 'approved' OR (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM meeting_attendance WHERE id = NEW.attendance_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER attendance_away_locked_delete BEFORE DELETE ON attendance_away
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM meeting_attendance WHERE id = OLD.attendance_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER disqualifications_locked_update BEFORE UPDATE ON disqualifications
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved' OR (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER disqualifications_locked_delete BEFORE DELETE ON disqualifications
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER attachments_locked_update BEFORE UPDATE ON attachments
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved' OR (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER attachments_locked_delete BEFORE DELETE ON attachments
WHEN (SELECT status FROM meetings WHERE id = (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER proposals_locked_update BEFORE UPDATE ON proposals
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved' OR (SELECT status FROM meetings WHERE id = coalesce(NEW.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER proposals_locked_delete BEFORE DELETE ON proposals
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER votes_locked_update BEFORE UPDATE ON votes
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved' OR (SELECT status FROM meetings WHERE id = coalesce(NEW.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER votes_locked_delete BEFORE DELETE ON votes
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER behandling_blocks_locked_update BEFORE UPDATE ON behandling_blocks
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved' OR (SELECT status FROM meetings WHERE id = coalesce(NEW.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER behandling_blocks_locked_delete BEFORE DELETE ON behandling_blocks
WHEN (SELECT status FROM meetings WHERE id = coalesce(OLD.meeting_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.agenda_item_id))) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER vote_parties_locked_update BEFORE UPDATE ON vote_parties
WHEN (SELECT status FROM meetings WHERE id = (SELECT coalesce(v.meeting_id, a.meeting_id) FROM votes v LEFT JOIN agenda_items a ON a.id = v.agenda_item_id WHERE v.id = OLD.vote_id)) = 'approved' OR (SELECT status FROM meetings WHERE id = (SELECT coalesce(v.meeting_id, a.meeting_id) FROM votes v LEFT JOIN agenda_items a ON a.id = v.agenda_item_id WHERE v.id = NEW.vote_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER vote_parties_locked_delete BEFORE DELETE ON vote_parties
WHEN (SELECT status FROM meetings WHERE id = (SELECT coalesce(v.meeting_id, a.meeting_id) FROM votes v LEFT JOIN agenda_items a ON a.id = v.agenda_item_id WHERE v.id = OLD.vote_id)) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER printed_protocols_approved_update BEFORE UPDATE ON printed_protocols WHEN OLD.approved = 1
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;

CREATE TRIGGER printed_protocols_approved_delete BEFORE DELETE ON printed_protocols WHEN OLD.approved = 1
BEGIN
    SELECT RAISE(ABORT, 'Protokollen for møtet er godkjend og låst: det som er ført, kan ikkje endrast eller slettast. Rettingar vert førte som protokolltilførsel.');
END;
