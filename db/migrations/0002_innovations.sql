-- innovations: day-1 innovation records per Smart City dimension, with their OPDs, partners and kecamatan.
-- Never edit a migration that has shipped; add a new numbered file instead.

-- One innovation. ``code`` ("GOV-03") is printed on every worksheet and never reused: the number comes
-- from innovation_code_counter, which only grows.
CREATE TABLE innovation (
    id              TEXT PRIMARY KEY NOT NULL,
    code            TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z][A-Z][A-Z]-[0-9][0-9]*'),
    dimension_id    TEXT NOT NULL REFERENCES dimension (id) ON DELETE RESTRICT,
    element_id      TEXT REFERENCES element (id) ON DELETE SET NULL,
    name            TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 10000),
    description     TEXT NOT NULL DEFAULT '',
    problem         TEXT NOT NULL DEFAULT '',           -- problem or potential addressed
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('running', 'new')),
    improvement     TEXT NOT NULL DEFAULT '',           -- running: what is to be improved
    is_ict          INTEGER NOT NULL DEFAULT 1 CHECK (is_ict IN (0, 1)),
    lead_opd_id     TEXT NOT NULL REFERENCES opd (id) ON DELETE RESTRICT,
    location_scope  TEXT NOT NULL DEFAULT 'region' CHECK (location_scope IN ('region', 'districts')),
    proposing_group TEXT NOT NULL DEFAULT '',           -- FGD table name or number
    beneficiaries   TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX innovation_dimension ON innovation (dimension_id, element_id);
CREATE INDEX innovation_lead_opd ON innovation (lead_opd_id);

CREATE TABLE innovation_supporting_opd (
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    opd_id        TEXT NOT NULL REFERENCES opd (id) ON DELETE CASCADE,
    PRIMARY KEY (innovation_id, opd_id)
);
CREATE INDEX innovation_supporting_opd_opd ON innovation_supporting_opd (opd_id);

-- Pentahelix partners: the element, and optionally a named partner ("Universitas Sultan Ageng Tirtayasa").
CREATE TABLE innovation_partner (
    id            TEXT PRIMARY KEY NOT NULL,
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    pentahelix    TEXT NOT NULL CHECK (pentahelix IN ('pemerintah', 'bisnis', 'akademisi', 'komunitas', 'media')),
    name          TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 300),
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (innovation_id, pentahelix, name)
);

-- Chosen kecamatan when location_scope = 'districts'. A kecamatan still named here is not dropped
-- when the region's list is replaced (RESTRICT).
CREATE TABLE innovation_district (
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    district_id   TEXT NOT NULL REFERENCES district (id) ON DELETE RESTRICT,
    PRIMARY KEY (innovation_id, district_id)
);
CREATE INDEX innovation_district_district ON innovation_district (district_id);

-- The last code number handed out per dimension; it only grows, so a deleted code is never reused.
-- Maintained by the core inside the same write as the insert (not by a trigger: undo replays rows of
-- every ordinary table, and a trigger writing here would be replayed twice).
CREATE TABLE innovation_code_counter (
    dimension_id TEXT PRIMARY KEY NOT NULL REFERENCES dimension (id) ON DELETE CASCADE,
    last_number  INTEGER NOT NULL CHECK (last_number >= 0)
);

-- Full-text search over code, name, description (+ improvement), problem and the OPDs' names.
-- rowid = innovation.rowid; kept in sync by the triggers below, which also fire when undo replays rows
-- (the index is a virtual table, so undo never records it itself).
-- unicode61 with remove_diacritics: "kecamatan" finds "Kécamatan", case-insensitive.
CREATE VIRTUAL TABLE innovation_fts USING fts5 (
    id UNINDEXED, code, name, description, problem, opds,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The text indexed for one innovation, as a view the triggers insert from.
CREATE VIEW innovation_fts_source AS
SELECT i.rowid AS innovation_rowid, i.id AS id, i.code AS code, i.name AS name,
       i.description || char(10) || i.improvement || char(10) || i.beneficiaries || char(10) || i.notes
           || char(10) || i.proposing_group AS description,
       i.problem AS problem,
       (SELECT group_concat(o.name || ' ' || o.short_name, ' ') FROM opd o
         WHERE o.id = i.lead_opd_id
            OR o.id IN (SELECT s.opd_id FROM innovation_supporting_opd s WHERE s.innovation_id = i.id)) AS opds
FROM innovation i;

CREATE TRIGGER innovation_fts_insert AFTER INSERT ON innovation BEGIN
    INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds)
    SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source WHERE id = new.id;
END;

CREATE TRIGGER innovation_fts_update AFTER UPDATE ON innovation BEGIN
    DELETE FROM innovation_fts WHERE rowid = old.rowid;
    INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds)
    SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source WHERE id = new.id;
END;

CREATE TRIGGER innovation_fts_delete AFTER DELETE ON innovation BEGIN
    DELETE FROM innovation_fts WHERE rowid = old.rowid;
END;

CREATE TRIGGER innovation_fts_supporting_insert AFTER INSERT ON innovation_supporting_opd BEGIN
    DELETE FROM innovation_fts WHERE rowid = (SELECT rowid FROM innovation WHERE id = new.innovation_id);
    INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds)
    SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source
    WHERE id = new.innovation_id;
END;

CREATE TRIGGER innovation_fts_supporting_delete AFTER DELETE ON innovation_supporting_opd BEGIN
    DELETE FROM innovation_fts WHERE rowid = (SELECT rowid FROM innovation WHERE id = old.innovation_id);
    INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds)
    SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source
    WHERE id = old.innovation_id;
END;

CREATE TRIGGER innovation_fts_opd_rename AFTER UPDATE OF name, short_name ON opd BEGIN
    DELETE FROM innovation_fts WHERE rowid IN (
        SELECT rowid FROM innovation WHERE lead_opd_id = new.id
        UNION SELECT i.rowid FROM innovation i JOIN innovation_supporting_opd s ON s.innovation_id = i.id
              WHERE s.opd_id = new.id);
    INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds)
    SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source
    WHERE id IN (SELECT id FROM innovation WHERE lead_opd_id = new.id
                 UNION SELECT innovation_id FROM innovation_supporting_opd WHERE opd_id = new.id);
END;
