-- 0004 action plans (rencana aksi, day 2): ordered steps per innovation, their funding sources and
-- statuses (editable lists, defaults below), and the dependencies between plans.
-- Never edit a migration that has shipped; add a new numbered file instead.
--
-- The stage (tahap) of a plan is NOT stored: it is derived from first_year/last_year and the workshop's
-- horizon_stage rows whenever it is shown, so editing the stage boundaries can never leave stale stages.
-- "Inside the planning horizon" is checked by the core (the horizon lives in another table and may change).

CREATE TABLE funding_source (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 100),
    name_en    TEXT NOT NULL DEFAULT '',   -- English label of a default entry; cleared when renamed
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX funding_source_name_unique ON funding_source (name COLLATE NOCASE);

CREATE TABLE plan_status (
    id         TEXT PRIMARY KEY NOT NULL,
    code       TEXT UNIQUE CHECK (code IS NULL OR code IN ('planned', 'running', 'done', 'postponed')),
    name       TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 100),
    name_en    TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX plan_status_name_unique ON plan_status (name COLLATE NOCASE);

CREATE TABLE action_plan (
    id                TEXT PRIMARY KEY NOT NULL,
    innovation_id     TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL CHECK (position >= 1),  -- 1..n within the innovation
    activity          TEXT NOT NULL CHECK (trim(activity) <> '' AND length(activity) <= 1000),  -- kegiatan
    output            TEXT NOT NULL DEFAULT '',                -- keluaran
    indicator         TEXT NOT NULL DEFAULT '',                -- indikator kinerja
    target            TEXT NOT NULL DEFAULT '',
    first_year        INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
    last_year         INTEGER NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
    opd_id            TEXT NOT NULL REFERENCES opd (id) ON DELETE RESTRICT,  -- penanggung jawab
    partners          TEXT NOT NULL DEFAULT '',
    funding_source_id TEXT REFERENCES funding_source (id) ON DELETE RESTRICT,  -- NULL: not decided yet
    budget            INTEGER NOT NULL DEFAULT 0 CHECK (typeof(budget) = 'integer' AND budget >= 0),  -- whole rupiah
    status_id         TEXT NOT NULL REFERENCES plan_status (id) ON DELETE RESTRICT,
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (first_year <= last_year)
);
CREATE INDEX action_plan_innovation ON action_plan (innovation_id, position);
CREATE INDEX action_plan_opd ON action_plan (opd_id);
CREATE INDEX action_plan_funding ON action_plan (funding_source_id);
CREATE INDEX action_plan_status ON action_plan (status_id);

-- plan_id cannot start before depends_on_id is done. Cycles are refused by the core.
CREATE TABLE plan_dependency (
    plan_id       TEXT NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
    depends_on_id TEXT NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (plan_id, depends_on_id),
    CHECK (plan_id <> depends_on_id)
);
CREATE INDEX plan_dependency_depends_on ON plan_dependency (depends_on_id);

-- Default lists (editable by the facilitator). Keys are random UUIDs (version 4), made per row.
INSERT INTO funding_source (id, name, name_en, position, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES ('APBD', 'APBD', 1), ('APBN', 'APBN', 2), ('DAK', 'DAK', 3), ('CSR', 'CSR', 4), ('KPBU', 'KPBU', 5),
             ('Hibah', 'Grant', 6), ('Swasta', 'Private', 7), ('Lainnya', 'Other', 8));

INSERT INTO plan_status (id, code, name, name_en, position, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, column4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES ('planned', 'Direncanakan', 'Planned', 1), ('running', 'Berjalan', 'In progress', 2),
             ('done', 'Selesai', 'Done', 3), ('postponed', 'Tertunda', 'Postponed', 4));
