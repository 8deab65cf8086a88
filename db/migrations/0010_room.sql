-- 0008 room mode: participants' phones join over the laptop's hotspot (fgd_app/core/room/).
-- Phones never write here themselves: the laptop's core writes every row through its one writer.

-- The room of this workshop: the short code typed on phones and the secret carried by the QR link.
-- Kept in the file, so room mode turned on again after a crash has the same code.
CREATE TABLE room_session (
    id         TEXT PRIMARY KEY NOT NULL,
    singleton  INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    code       TEXT NOT NULL CHECK (length(code) BETWEEN 4 AND 12 AND code NOT GLOB '*[^0-9A-Z]*'),
    secret     TEXT NOT NULL CHECK (length(secret) BETWEEN 16 AND 100),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One phone (browser) that joined the room. Only a SHA-256 hash of its cookie token is kept.
CREATE TABLE room_device (
    id         TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    label      TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 300),
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A self check-in typed on a phone (daftar hadir digital). id: generated for the phone's form, so a retried
-- submission is stored once. participant_id: the participant it was matched to or confirmed as.
CREATE TABLE room_checkin (
    id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 8 AND 64),
    device_id      TEXT REFERENCES room_device (id) ON DELETE SET NULL,
    day_id         TEXT REFERENCES workshop_day (id) ON DELETE SET NULL,
    name           TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 300),
    nip            TEXT NOT NULL DEFAULT '' CHECK (nip = '' OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*')),
    position       TEXT NOT NULL DEFAULT '' CHECK (length(position) <= 300),
    opd_id         TEXT REFERENCES opd (id) ON DELETE SET NULL,
    organisation   TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 300),
    contact        TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
    participant_id TEXT REFERENCES participant (id) ON DELETE SET NULL,
    matched_by     TEXT NOT NULL DEFAULT '' CHECK (matched_by IN ('', 'nip', 'name', 'facilitator')),
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'rejected')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX room_checkin_state ON room_checkin (state);

-- An innovation idea sent from a phone: it waits in the inbox until the facilitator accepts it (it becomes
-- an innovation), merges it into one, or rejects it. id: generated for the phone's form (idempotent retries).
CREATE TABLE room_idea (
    id              TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 8 AND 64),
    device_id       TEXT REFERENCES room_device (id) ON DELETE SET NULL,
    dimension_id    TEXT REFERENCES dimension (id) ON DELETE SET NULL,
    element_id      TEXT REFERENCES element (id) ON DELETE SET NULL,
    name            TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 300),
    description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    lead_opd_id     TEXT REFERENCES opd (id) ON DELETE SET NULL,
    lead_opd_text   TEXT NOT NULL DEFAULT '' CHECK (length(lead_opd_text) <= 300),
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('running', 'new')),
    proposing_group TEXT NOT NULL DEFAULT '' CHECK (length(proposing_group) <= 300),
    state           TEXT NOT NULL DEFAULT 'inbox' CHECK (state IN ('inbox', 'accepted', 'merged', 'rejected')),
    innovation_id   TEXT REFERENCES innovation (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX room_idea_state ON room_idea (state, created_at);
CREATE INDEX room_idea_device ON room_idea (device_id);
