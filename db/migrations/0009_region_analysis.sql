-- 0008 region analysis (stage I, "Kondisi daerah") and the lineage of a workshop carried to the next stage.
-- Never edit a migration that has shipped; add a new numbered file instead.
--
-- Readiness: aspects (editable data with shipped defaults) and the items measured under each. The
-- application inventory (what already runs), which running innovations can point to. The problem register
-- per dimension and element, linked many-to-many with innovations. Per dimension: goals, an optional SWOT
-- and the focus flag. Lineage: the earlier stages a file was carried from and, per copied row, the row it
-- was copied from (with its values at the time, so what changed since can be listed without the old file).

-- A readiness aspect: regulations, the SPBE index, ICT infrastructure, people, budget, or the region's own.
-- pillar groups the aspects as the masterplan guideline does (struktur / infrastruktur / suprastruktur).
-- key marks a shipped default (NULL for aspects the facilitator added).
CREATE TABLE readiness_aspect (
    id          TEXT PRIMARY KEY NOT NULL,
    key         TEXT UNIQUE CHECK (key IS NULL OR key IN ('regulation', 'spbe_index', 'ict_infrastructure',
                                                          'human_resources', 'budget')),
    name        TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 100),
    name_en     TEXT NOT NULL DEFAULT '',
    pillar      TEXT NOT NULL DEFAULT 'struktur' CHECK (pillar IN ('struktur', 'infrastruktur', 'suprastruktur')),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX readiness_aspect_name ON readiness_aspect (name COLLATE NOCASE);

-- One measured fact of an aspect: "Perbup No. 12 Tahun 2023 tentang SPBE" (number, year, status),
-- "Indeks SPBE" 2.71 (2023), "Bandwidth kantor bupati" 100 Mbps ... rating: 1 (weak) to 5 (strong).
CREATE TABLE readiness_item (
    id         TEXT PRIMARY KEY NOT NULL,
    aspect_id  TEXT NOT NULL REFERENCES readiness_aspect (id) ON DELETE RESTRICT,
    name       TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 500),
    value      TEXT NOT NULL DEFAULT '' CHECK (length(value) <= 500),
    number     TEXT NOT NULL DEFAULT '' CHECK (length(number) <= 100),   -- a regulation's number
    year       INTEGER CHECK (year IS NULL OR year BETWEEN 1945 AND 2100),
    status     TEXT NOT NULL DEFAULT '' CHECK (length(status) <= 100),   -- in force, draft, revoked ...
    source     TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 300),
    rating     INTEGER CHECK (rating IS NULL OR (typeof(rating) = 'integer' AND rating BETWEEN 1 AND 5)),
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX readiness_item_aspect ON readiness_item (aspect_id, position);

-- An application or service already running in the region.
CREATE TABLE application (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 300),
    opd_id          TEXT REFERENCES opd (id) ON DELETE SET NULL,
    dimension_id    TEXT REFERENCES dimension (id) ON DELETE SET NULL,
    users           TEXT NOT NULL DEFAULT '' CHECK (length(users) <= 300),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'development', 'inactive')),
    spbe_integration TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (spbe_integration IN ('integrated', 'partial', 'none', 'unknown')),
    description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    notes           TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX application_name ON application (name COLLATE NOCASE);

-- The running application an innovation improves (only innovations marked "running"; the core refuses others).
CREATE TABLE innovation_application (
    innovation_id  TEXT PRIMARY KEY NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    application_id TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE
);
CREATE INDEX innovation_application_application ON innovation_application (application_id);

-- A problem (or potential) of the region, today or expected tomorrow, per dimension and element.
CREATE TABLE region_problem (
    id           TEXT PRIMARY KEY NOT NULL,
    dimension_id TEXT NOT NULL REFERENCES dimension (id) ON DELETE RESTRICT,
    element_id   TEXT REFERENCES element (id) ON DELETE SET NULL,
    description  TEXT NOT NULL CHECK (trim(description) <> '' AND length(description) <= 5000),
    horizon      TEXT NOT NULL DEFAULT 'today' CHECK (horizon IN ('today', 'future')),
    evidence     TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),   -- data or source
    notes        TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX region_problem_dimension ON region_problem (dimension_id, element_id);

CREATE TABLE problem_innovation (
    problem_id    TEXT NOT NULL REFERENCES region_problem (id) ON DELETE CASCADE,
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    PRIMARY KEY (problem_id, innovation_id)
);
CREATE INDEX problem_innovation_innovation ON problem_innovation (innovation_id);

-- A goal (sasaran) of one dimension, with an optional indicator and target.
CREATE TABLE dimension_goal (
    id           TEXT PRIMARY KEY NOT NULL,
    dimension_id TEXT NOT NULL REFERENCES dimension (id) ON DELETE CASCADE,
    goal         TEXT NOT NULL CHECK (trim(goal) <> '' AND length(goal) <= 2000),
    indicator    TEXT NOT NULL DEFAULT '' CHECK (length(indicator) <= 500),
    target       TEXT NOT NULL DEFAULT '' CHECK (length(target) <= 300),
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX dimension_goal_dimension ON dimension_goal (dimension_id, position);

-- Per dimension: the focus flag (the quick-win rule can rank focus dimensions first: quickwin_rule.focus_first)
-- and an optional SWOT. No row: not a focus, no SWOT.
CREATE TABLE dimension_analysis (
    id            TEXT PRIMARY KEY NOT NULL,
    dimension_id  TEXT NOT NULL UNIQUE REFERENCES dimension (id) ON DELETE CASCADE,
    is_focus      INTEGER NOT NULL DEFAULT 0 CHECK (is_focus IN (0, 1)),
    focus_reason  TEXT NOT NULL DEFAULT '' CHECK (length(focus_reason) <= 2000),
    strengths     TEXT NOT NULL DEFAULT '' CHECK (length(strengths) <= 5000),
    weaknesses    TEXT NOT NULL DEFAULT '' CHECK (length(weaknesses) <= 5000),
    opportunities TEXT NOT NULL DEFAULT '' CHECK (length(opportunities) <= 5000),
    threats       TEXT NOT NULL DEFAULT '' CHECK (length(threats) <= 5000),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The quick-win rule may rank innovations of a focus dimension first (0: the focus is shown, not ranked).
ALTER TABLE quickwin_rule ADD COLUMN focus_first INTEGER NOT NULL DEFAULT 0 CHECK (focus_first IN (0, 1));

-- The earlier stages this file was carried from, oldest first: each stage's workshop id, stage number and
-- the SHA-256 of the file as it was carried (fgd-app next-stage). Empty for a file started from scratch.
CREATE TABLE stage_history (
    id           TEXT PRIMARY KEY NOT NULL,
    workshop_id  TEXT NOT NULL CHECK (length(workshop_id) = 36),
    bimtek_stage INTEGER NOT NULL CHECK (bimtek_stage BETWEEN 1 AND 4),
    file_name    TEXT NOT NULL DEFAULT '',
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    carried_at   TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0
);

-- One row copied from the previous stage's file: this file's row (table, id), the workshop and row it was
-- copied from, and that row's values as carried (JSON object), from which "what changed since" is listed.
-- A row deleted since keeps its lineage row (it is listed as dropped).
CREATE TABLE carried_row (
    table_name         TEXT NOT NULL CHECK (trim(table_name) <> ''),
    row_id             TEXT NOT NULL,
    source_workshop_id TEXT NOT NULL,
    source_row_id      TEXT NOT NULL,
    source_values      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(source_values)),
    PRIMARY KEY (table_name, row_id)
);
CREATE INDEX carried_row_source ON carried_row (source_row_id);

-- Defaults (editable). Keys: random UUID4 text.
INSERT INTO readiness_aspect (id, key, name, name_en, pillar, description, position, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, column4, column5, column6,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    ('regulation', 'Regulasi', 'Regulations', 'suprastruktur',
     'Perda, Perbup/Perwali dan keputusan yang mengatur SPBE dan Smart City: nomor, tahun, status.', 1),
    ('spbe_index', 'Indeks SPBE', 'SPBE index', 'suprastruktur',
     'Nilai indeks SPBE hasil evaluasi terakhir dan tahunnya.', 2),
    ('ict_infrastructure', 'Infrastruktur TIK', 'ICT infrastructure', 'infrastruktur',
     'Jaringan, pusat data, cakupan internet, perangkat di OPD dan kecamatan.', 3),
    ('human_resources', 'Sumber daya manusia', 'Human resources', 'struktur',
     'Jumlah dan kompetensi ASN bidang TIK, pejabat fungsional pranata komputer, pelatihan.', 4),
    ('budget', 'Kapasitas anggaran', 'Budget capacity', 'struktur',
     'APBD, porsi belanja TIK, sumber dana lain yang tersedia.', 5));
