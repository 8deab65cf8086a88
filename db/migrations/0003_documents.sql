-- 0003 documents: what the printed paperwork carries beyond the workshop data itself —
-- signatories, the berita acara (official minutes) and the notulen (notes) of each workshop day.

-- Named text fields of the paperwork (signatories, berita acara number and agreed points, ...).
-- The core (fgd_app/core/minutes/book.py) knows the keys, their defaults and their limits.
CREATE TABLE document_setting (
    id         TEXT PRIMARY KEY NOT NULL,
    key        TEXT NOT NULL UNIQUE CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z_]*' AND length(key) <= 60),
    value      TEXT NOT NULL DEFAULT '' CHECK (length(value) <= 20000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The notulen of one workshop day: who chaired and took notes, the opening, conclusions, follow-up.
CREATE TABLE minutes (
    id                 TEXT PRIMARY KEY NOT NULL,
    day_id             TEXT NOT NULL UNIQUE REFERENCES workshop_day (id) ON DELETE CASCADE,
    chair              TEXT NOT NULL DEFAULT '' CHECK (length(chair) <= 300),
    chair_nip          TEXT NOT NULL DEFAULT '' CHECK (chair_nip = '' OR (length(chair_nip) = 18 AND chair_nip NOT GLOB '*[^0-9]*')),
    note_taker         TEXT NOT NULL DEFAULT '' CHECK (length(note_taker) <= 300),
    note_taker_nip     TEXT NOT NULL DEFAULT '' CHECK (note_taker_nip = '' OR (length(note_taker_nip) = 18 AND note_taker_nip NOT GLOB '*[^0-9]*')),
    participants_count INTEGER CHECK (participants_count IS NULL OR participants_count BETWEEN 0 AND 10000),
    opening            TEXT NOT NULL DEFAULT '' CHECK (length(opening) <= 20000),
    conclusions        TEXT NOT NULL DEFAULT '' CHECK (length(conclusions) <= 20000),
    follow_up          TEXT NOT NULL DEFAULT '' CHECK (length(follow_up) <= 20000),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- The discussion of one workshop day, in order: who spoke and what was said.
CREATE TABLE minutes_item (
    id         TEXT PRIMARY KEY NOT NULL,
    day_id     TEXT NOT NULL REFERENCES workshop_day (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 1),
    speaker    TEXT NOT NULL DEFAULT '' CHECK (length(speaker) <= 300),
    summary    TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (trim(speaker) <> '' OR trim(summary) <> '')
);
CREATE INDEX minutes_item_day ON minutes_item (day_id, position);
