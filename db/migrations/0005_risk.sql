-- risk: the risk matrix in use (copied into the file so the file explains its own scores), the editable
-- category (with risk appetite) and impact-area lists, and the risk register (SPBE form 3.0 / 4.0).
-- Never edit a migration that has shipped; add a new numbered file instead.
--
-- How the database refuses scores outside the matrix: a scored risk points at its cell with a composite
-- foreign key (likelihood, impact, magnitude, level) -> risk_matrix_cell. The key is DEFERRABLE INITIALLY
-- DEFERRED, because changing the matrix replaces every cell and then recomputes every risk inside one
-- transaction (and undo replays those rows in reverse order); it is checked at COMMIT, so a risk whose
-- magnitude or level does not match its cell of the matrix in use can never be committed. Inherent and
-- residual scores point at the same table, so both always come from the same matrix.

-- The matrix in use: exactly one row.
CREATE TABLE risk_matrix (
    id          TEXT PRIMARY KEY NOT NULL,
    singleton   INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    key         TEXT NOT NULL DEFAULT 'custom' CHECK (trim(key) <> ''),   -- 'spbe-a', 'plain-5x5', 'custom' ...
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE risk_likelihood_level (
    id          TEXT PRIMARY KEY NOT NULL,
    number      INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 10),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',                                 -- criteria (probability, frequency)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE risk_impact_level (
    id          TEXT PRIMARY KEY NOT NULL,
    number      INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 10),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',
    areas       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(areas) AND json_type(areas) = 'object'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Risk levels and their magnitude bands (no two bands overlap: trigger below).
CREATE TABLE risk_level (
    id            TEXT PRIMARY KEY NOT NULL,
    number        INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 10),
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    colour        TEXT NOT NULL CHECK (colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
    min_magnitude INTEGER NOT NULL CHECK (min_magnitude >= 1),
    max_magnitude INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (max_magnitude >= min_magnitude)
);

CREATE TRIGGER risk_level_bands_insert BEFORE INSERT ON risk_level
WHEN EXISTS (SELECT 1 FROM risk_level
             WHERE NEW.min_magnitude <= max_magnitude AND NEW.max_magnitude >= min_magnitude)
BEGIN
    SELECT RAISE(ABORT, 'risk level bands overlap');
END;

CREATE TRIGGER risk_level_bands_update BEFORE UPDATE OF min_magnitude, max_magnitude ON risk_level
WHEN EXISTS (SELECT 1 FROM risk_level
             WHERE id <> NEW.id AND NEW.min_magnitude <= max_magnitude AND NEW.max_magnitude >= min_magnitude)
BEGIN
    SELECT RAISE(ABORT, 'risk level bands overlap');
END;

-- The explicit lookup: (likelihood, impact) -> magnitude, and the level whose band holds it.
CREATE TABLE risk_matrix_cell (
    id         TEXT PRIMARY KEY NOT NULL,
    likelihood INTEGER NOT NULL REFERENCES risk_likelihood_level (number) DEFERRABLE INITIALLY DEFERRED,
    impact     INTEGER NOT NULL REFERENCES risk_impact_level (number) DEFERRABLE INITIALLY DEFERRED,
    magnitude  INTEGER NOT NULL CHECK (magnitude >= 1),
    level      INTEGER NOT NULL REFERENCES risk_level (number) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (likelihood, impact),
    UNIQUE (likelihood, impact, magnitude, level)
);

CREATE TRIGGER risk_matrix_cell_level_insert BEFORE INSERT ON risk_matrix_cell
WHEN NOT EXISTS (SELECT 1 FROM risk_level
                 WHERE number = NEW.level AND NEW.magnitude BETWEEN min_magnitude AND max_magnitude)
BEGIN
    SELECT RAISE(ABORT, 'the level of a matrix cell must be the band that holds its magnitude');
END;

CREATE TRIGGER risk_matrix_cell_level_update BEFORE UPDATE OF magnitude, level ON risk_matrix_cell
WHEN NOT EXISTS (SELECT 1 FROM risk_level
                 WHERE number = NEW.level AND NEW.magnitude BETWEEN min_magnitude AND max_magnitude)
BEGIN
    SELECT RAISE(ABORT, 'the level of a matrix cell must be the band that holds its magnitude');
END;

-- Risk categories (SPBE: 16) and the risk appetite per category and type: the minimum magnitude from
-- which a risk must be treated (NULL: no minimum set).
CREATE TABLE risk_category (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 200),
    position          INTEGER NOT NULL DEFAULT 0,
    appetite_negative INTEGER CHECK (appetite_negative IS NULL OR appetite_negative >= 1),
    appetite_positive INTEGER CHECK (appetite_positive IS NULL OR appetite_positive >= 1),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX risk_category_name ON risk_category (name COLLATE NOCASE);

-- Impact areas (SPBE: 7).
CREATE TABLE impact_area (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 200),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX impact_area_name ON impact_area (name COLLATE NOCASE);

-- The risk register: one row per risk of an innovation.
CREATE TABLE risk (
    id                  TEXT PRIMARY KEY NOT NULL,
    innovation_id       TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    action_plan_id      TEXT REFERENCES action_plan (id) ON DELETE SET NULL,  -- optional: one of its plans
    code                TEXT NOT NULL UNIQUE CHECK (code GLOB 'R-?*' AND length(code) <= 40),  -- "R-GOV-03-01"
    risk_type           TEXT NOT NULL DEFAULT 'negative' CHECK (risk_type IN ('negative', 'positive')),
    event               TEXT NOT NULL CHECK (trim(event) <> '' AND length(event) <= 1000),
    cause               TEXT NOT NULL DEFAULT '',
    consequence         TEXT NOT NULL DEFAULT '',
    category_id         TEXT REFERENCES risk_category (id) ON DELETE RESTRICT,
    impact_area_id      TEXT REFERENCES impact_area (id) ON DELETE RESTRICT,
    existing_controls   TEXT NOT NULL DEFAULT '',
    likelihood          INTEGER,
    impact              INTEGER,
    magnitude           INTEGER,
    level               INTEGER,
    treatment_decision  TEXT NOT NULL DEFAULT '' CHECK (treatment_decision IN ('', 'yes', 'no')),
    treatment_option    TEXT NOT NULL DEFAULT '' CHECK (
        treatment_option = ''
        OR (risk_type = 'negative' AND treatment_option IN ('escalate', 'mitigate', 'transfer', 'avoid', 'accept'))
        OR (risk_type = 'positive' AND treatment_option IN ('escalate', 'exploit', 'enhance', 'share', 'accept'))),
    treatment_action    TEXT NOT NULL DEFAULT '',
    output              TEXT NOT NULL DEFAULT '',
    schedule            TEXT NOT NULL DEFAULT '',
    owner_opd_id        TEXT REFERENCES opd (id) ON DELETE SET NULL,
    residual_likelihood INTEGER,
    residual_impact     INTEGER,
    residual_magnitude  INTEGER,
    residual_level      INTEGER,
    notes               TEXT NOT NULL DEFAULT '',
    position            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((likelihood IS NULL) = (impact IS NULL) AND (impact IS NULL) = (magnitude IS NULL)
           AND (magnitude IS NULL) = (level IS NULL)),
    CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL)
           AND (residual_impact IS NULL) = (residual_magnitude IS NULL)
           AND (residual_magnitude IS NULL) = (residual_level IS NULL)),
    CHECK (treatment_option = '' OR treatment_decision = 'yes'),
    FOREIGN KEY (likelihood, impact, magnitude, level)
        REFERENCES risk_matrix_cell (likelihood, impact, magnitude, level) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (residual_likelihood, residual_impact, residual_magnitude, residual_level)
        REFERENCES risk_matrix_cell (likelihood, impact, magnitude, level) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX risk_innovation ON risk (innovation_id);
CREATE INDEX risk_action_plan ON risk (action_plan_id);
CREATE INDEX risk_category_id ON risk (category_id);
CREATE INDEX risk_impact_area_id ON risk (impact_area_id);
CREATE INDEX risk_owner_opd ON risk (owner_opd_id);
CREATE INDEX risk_cell ON risk (likelihood, impact, magnitude, level);
CREATE INDEX risk_residual_cell ON risk (residual_likelihood, residual_impact, residual_magnitude, residual_level);

-- Optional scores per FGD group; the register's own likelihood and impact are the agreed values.
CREATE TABLE risk_group_score (
    id         TEXT PRIMARY KEY NOT NULL,
    risk_id    TEXT NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
    group_name TEXT NOT NULL CHECK (trim(group_name) <> '' AND length(group_name) <= 100),
    likelihood INTEGER NOT NULL REFERENCES risk_likelihood_level (number) DEFERRABLE INITIALLY DEFERRED,
    impact     INTEGER NOT NULL REFERENCES risk_impact_level (number) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (risk_id, group_name)
);
CREATE INDEX risk_group_score_likelihood ON risk_group_score (likelihood);
CREATE INDEX risk_group_score_impact ON risk_group_score (impact);

-- Defaults: the SPBE matrix of PermenPANRB 5/2020 (band variant A: Tinggi 16-20, Sangat Tinggi 21-25), the
-- 16 SPBE categories (appetite: treat from magnitude 11, level Sedang, upwards) and the 7 impact areas.
-- Seeded here, so files made before this step get them too. Keys: random UUID4 text.
INSERT INTO risk_matrix (id, key, name, description, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       'spbe-a', 'SPBE PermenPANRB 5/2020 (A)',
       'Matriks analisis risiko SPBE; besaran risiko 1–25 dari tabel, bukan hasil kali kemungkinan × dampak.',
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

INSERT INTO risk_likelihood_level (id, number, name, description, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    (1, 'Hampir Tidak Terjadi', 'Probabilitas ≤ 5%; kurang dari 2 kali dalam 1 tahun'),
    (2, 'Jarang Terjadi', 'Probabilitas 5–10%; 2–5 kali dalam 1 tahun'),
    (3, 'Kadang-Kadang Terjadi', 'Probabilitas 10–20%; 6–9 kali dalam 1 tahun'),
    (4, 'Sering Terjadi', 'Probabilitas 20–50%; 10–12 kali dalam 1 tahun'),
    (5, 'Hampir Pasti Terjadi', 'Probabilitas > 50%; lebih dari 12 kali dalam 1 tahun'));

INSERT INTO risk_impact_level (id, number, name, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES (1, 'Tidak Signifikan'), (2, 'Kurang Signifikan'), (3, 'Cukup Signifikan'), (4, 'Signifikan'),
             (5, 'Sangat Signifikan'));

INSERT INTO risk_level (id, number, name, colour, min_magnitude, max_magnitude, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, column4, column5,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES (1, 'Sangat Rendah', '#5B9BD5', 1, 5), (2, 'Rendah', '#70AD47', 6, 10), (3, 'Sedang', '#FFD966', 11, 15),
             (4, 'Tinggi', '#F4A460', 16, 20), (5, 'Sangat Tinggi', '#E05252', 21, 25));

INSERT INTO risk_matrix_cell (id, likelihood, impact, magnitude, level, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       g.column1, g.column2, g.column3,
       (SELECT number FROM risk_level WHERE g.column3 BETWEEN min_magnitude AND max_magnitude),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    (5, 1, 9), (5, 2, 15), (5, 3, 18), (5, 4, 23), (5, 5, 25),
    (4, 1, 6), (4, 2, 12), (4, 3, 16), (4, 4, 19), (4, 5, 24),
    (3, 1, 4), (3, 2, 10), (3, 3, 14), (3, 4, 17), (3, 5, 22),
    (2, 1, 2), (2, 2, 7), (2, 3, 11), (2, 4, 13), (2, 5, 21),
    (1, 1, 1), (1, 2, 3), (1, 3, 5), (1, 4, 8), (1, 5, 20)) AS g;

INSERT INTO risk_category (id, name, position, appetite_negative, appetite_positive, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column2, column1, 11, 11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    (1, 'Rencana Induk SPBE Nasional'), (2, 'Arsitektur SPBE'), (3, 'Peta Rencana SPBE'), (4, 'Proses Bisnis'),
    (5, 'Rencana dan Anggaran'), (6, 'Inovasi'), (7, 'Kepatuhan terhadap Peraturan'),
    (8, 'Pengadaan Barang dan Jasa'), (9, 'Proyek Pembangunan/Pengembangan Sistem'), (10, 'Data dan Informasi'),
    (11, 'Infrastruktur SPBE'), (12, 'Aplikasi SPBE'), (13, 'Keamanan SPBE'), (14, 'Layanan SPBE'),
    (15, 'Sumber Daya Manusia SPBE'), (16, 'Bencana Alam'));

INSERT INTO impact_area (id, name, position, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column2, column1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    (1, 'Finansial'), (2, 'Reputasi'), (3, 'Kinerja'), (4, 'Layanan Organisasi'), (5, 'Operasional dan Aset TIK'),
    (6, 'Hukum dan Regulasi'), (7, 'Sumber Daya Manusia'));
