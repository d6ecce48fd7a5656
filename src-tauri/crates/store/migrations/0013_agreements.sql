-- Agreements (avtalar): inter-municipal cooperation and other agreements,
-- their parties, every status change with its date and person, the cases and
-- vedtak behind them, and the follow-up tasks of vedtak (vedtaksoppfølging).
-- Dates are ISO yyyy-mm-dd; what is not known stays NULL, never guessed.
CREATE TABLE agreements (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    title             TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind              TEXT    NOT NULL CHECK (kind IN ('samarbeidsavtale', 'vertskommuneavtale', 'selskapsavtale',
                                                       'tenesteavtale', 'databehandlaravtale', 'anna')),
    organisation_form TEXT    CHECK (organisation_form IN ('vertskommune', 'vertskommune_nemnd', 'oppgavefellesskap',
                                                           'iks', 'aksjeselskap', 'kontrakt')),
    legal_basis       TEXT,
    purpose           TEXT,
    scope             TEXT,
    governing_body    TEXT,
    cost_sharing      TEXT,
    fullmakt          TEXT,
    start_date        TEXT    CHECK (start_date IS NULL OR date(start_date) = start_date),
    term_kind         TEXT    CHECK (term_kind IN ('fixed', 'renewing', 'open_ended')),
    end_date          TEXT    CHECK (end_date IS NULL OR date(end_date) = end_date),
    renew_months      INTEGER CHECK (renew_months IS NULL OR renew_months BETWEEN 1 AND 1200),
    notice_months     INTEGER CHECK (notice_months IS NULL OR notice_months BETWEEN 0 AND 1200),
    review_date       TEXT    CHECK (review_date IS NULL OR date(review_date) = review_date),
    notes             TEXT,
    status            TEXT    NOT NULL DEFAULT 'utkast'
                              CHECK (status IN ('utkast', 'under_forhandling', 'godkjend', 'signert', 'i_kraft',
                                                'oppsagt', 'utgatt')),
    -- The signed agreement: a document of a journalpost in the register.
    document_id       INTEGER REFERENCES documents (id),
    -- Goes up with each change: the calendar's SEQUENCE.
    revision          INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    CHECK (term_kind = 'renewing' OR renew_months IS NULL),
    CHECK (term_kind <> 'open_ended' OR end_date IS NULL)
) STRICT;

CREATE INDEX agreements_document ON agreements (document_id);

CREATE TABLE agreement_parties (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    orgnr        TEXT    CHECK (orgnr IS NULL OR (length(orgnr) = 9 AND orgnr NOT GLOB '*[^0-9]*')),
    role         TEXT    CHECK (role IN ('vertskommune', 'deltakar', 'leverandor', 'anna')),
    contact      TEXT,
    UNIQUE (agreement_id, position)
) STRICT;

CREATE UNIQUE INDEX agreement_parties_orgnr ON agreement_parties (agreement_id, orgnr) WHERE orgnr IS NOT NULL;

-- Every status an agreement has had: the date it took effect and who
-- recorded it. Never changed or deleted.
CREATE TABLE agreement_status_log (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    status       TEXT    NOT NULL CHECK (status IN ('utkast', 'under_forhandling', 'godkjend', 'signert', 'i_kraft',
                                                    'oppsagt', 'utgatt')),
    changed_on   TEXT    NOT NULL CHECK (date(changed_on) = changed_on),
    changed_by   TEXT    NOT NULL,
    note         TEXT,
    recorded_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX agreement_status_log_agreement ON agreement_status_log (agreement_id, id);

CREATE TRIGGER agreement_status_log_kept_update BEFORE UPDATE ON agreement_status_log
BEGIN
    SELECT RAISE(ABORT, 'Historikken til ein avtale kan ikkje endrast.');
END;

CREATE TRIGGER agreement_status_log_kept_delete BEFORE DELETE ON agreement_status_log
BEGIN
    SELECT RAISE(ABORT, 'Historikken til ein avtale kan ikkje endrast.');
END;

-- The cases and decisions behind an agreement: an arkivsak, and when a
-- vedtak is meant, the utvalssak of that case.
CREATE TABLE agreement_links (
    id             INTEGER PRIMARY KEY,
    agreement_id   INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    created_at     TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX agreement_links_once ON agreement_links (agreement_id, case_id, ifnull(agenda_item_id, 0));
CREATE INDEX agreement_links_case ON agreement_links (case_id);
CREATE INDEX agreement_links_agenda_item ON agreement_links (agenda_item_id);

-- Vedtaksoppfølging: a task that carries out (a paragraph of) a vedtak,
-- often for an agreement.
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    agreement_id   INTEGER REFERENCES agreements (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    -- The vedtak paragraph it came from, word for word, and its place (1…).
    source_text    TEXT,
    paragraph      INTEGER CHECK (paragraph IS NULL OR paragraph >= 1),
    responsible    TEXT,
    due            TEXT    CHECK (due IS NULL OR date(due) = due),
    status         TEXT    NOT NULL DEFAULT 'ikkje_starta' CHECK (status IN ('ikkje_starta', 'i_gang', 'ferdig')),
    notes          TEXT,
    revision       INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;

CREATE INDEX tasks_agreement ON tasks (agreement_id);
CREATE INDEX tasks_agenda_item ON tasks (agenda_item_id);
CREATE INDEX tasks_due ON tasks (due) WHERE status <> 'ferdig';
