-- 0006 quick wins (program unggulan): the scoring criteria (editable defaults), scores per innovation and
-- criterion (agreed, and optionally per FGD group), dot votes, the stored quick-win rule and the
-- facilitator's final choice with its justification.
-- Never edit a migration that has shipped; add a new numbered file instead.
--
-- Everything computed (weighted score, impact and effort, candidacy, rank) is derived by the core
-- (fgd_app/core/quickwins/rules.py) whenever it is shown, never stored, so editing a weight or the rule
-- can never leave a stale result in the file.

-- A criterion every innovation is scored on, 1-5. direction 'more': 5 is best; 'less': 1 is best (counted
-- as 6 - score). axis: which axis of the impact/effort chart the criterion feeds ('none': only the
-- weighted score). key marks a shipped default (NULL for criteria the facilitator added).
CREATE TABLE quickwin_criterion (
    id             TEXT PRIMARY KEY NOT NULL,
    key            TEXT UNIQUE CHECK (key IS NULL OR key IN ('impact', 'feasibility', 'cost', 'readiness', 'time')),
    name           TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 100),
    name_en        TEXT NOT NULL DEFAULT '',   -- English label of a default criterion; cleared when renamed
    description    TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    description_en TEXT NOT NULL DEFAULT '',   -- cleared when the description is edited
    weight         REAL NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight <= 100),
    direction      TEXT NOT NULL DEFAULT 'more' CHECK (direction IN ('more', 'less')),
    axis           TEXT NOT NULL DEFAULT 'none' CHECK (axis IN ('impact', 'effort', 'none')),
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX quickwin_criterion_name ON quickwin_criterion (name COLLATE NOCASE);

-- Scores 1-5. group_name '' is the agreed score (what counts); any other value is one FGD group's score,
-- whose median counts while no agreed score is given.
CREATE TABLE quickwin_score (
    id            TEXT PRIMARY KEY NOT NULL,
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    criterion_id  TEXT NOT NULL REFERENCES quickwin_criterion (id) ON DELETE CASCADE,
    group_name    TEXT NOT NULL DEFAULT '' CHECK (group_name = trim(group_name) AND length(group_name) <= 100),
    score         INTEGER NOT NULL CHECK (typeof(score) = 'integer' AND score BETWEEN 1 AND 5),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (innovation_id, criterion_id, group_name)
);
CREATE INDEX quickwin_score_criterion ON quickwin_score (criterion_id);

-- Dot votes an FGD group or a participant gave an innovation. voter '' = counted in the plenary.
-- No row means no votes.
CREATE TABLE quickwin_vote (
    id            TEXT PRIMARY KEY NOT NULL,
    innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE,
    voter         TEXT NOT NULL DEFAULT '' CHECK (voter = trim(voter) AND length(voter) <= 100),
    votes         INTEGER NOT NULL CHECK (typeof(votes) = 'integer' AND votes BETWEEN 1 AND 10000),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (innovation_id, voter)
);

-- The quick-win rule (exactly one row). An innovation is a candidate when its impact is at least
-- min_impact, its effort at most max_effort, its first result falls within the first max_first_result_years
-- years of the horizon (the earliest last year of its action plans; NULL: not checked) and no negative risk
-- is left above max_residual_level (residual level, else inherent; NULL: not checked). votes_weight > 0
-- counts the dot votes as one more criterion with that weight.
CREATE TABLE quickwin_rule (
    id                     TEXT PRIMARY KEY NOT NULL,
    singleton              INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    min_impact             REAL NOT NULL DEFAULT 4 CHECK (min_impact BETWEEN 1 AND 5),
    max_effort             REAL NOT NULL DEFAULT 2 CHECK (max_effort BETWEEN 1 AND 5),
    max_first_result_years INTEGER DEFAULT 1 CHECK (max_first_result_years IS NULL
                                                    OR max_first_result_years BETWEEN 1 AND 30),
    max_residual_level     INTEGER DEFAULT 4 CHECK (max_residual_level IS NULL OR max_residual_level BETWEEN 1 AND 10),
    votes_weight           REAL NOT NULL DEFAULT 0 CHECK (votes_weight >= 0 AND votes_weight <= 100),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);

-- The facilitator's final choice: the innovations chosen as quick wins, each with a short justification.
CREATE TABLE quickwin_choice (
    id            TEXT PRIMARY KEY NOT NULL,
    innovation_id TEXT NOT NULL UNIQUE REFERENCES innovation (id) ON DELETE CASCADE,
    justification TEXT NOT NULL CHECK (trim(justification) <> '' AND length(justification) <= 2000),
    position      INTEGER NOT NULL DEFAULT 0,   -- order in which they were chosen
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Defaults (editable). Keys: random UUID4 text. Weights sum to 100 (shares in per cent, by convention).
INSERT INTO quickwin_criterion (id, key, name, name_en, description, description_en, weight, direction, axis,
                                position, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       column1, column2, column3, column4, column5, column6, column7, column8, column9,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (VALUES
    ('impact', 'Dampak bagi warga', 'Impact on citizens',
     'Seberapa besar dan langsung manfaatnya bagi warga. 1 = kecil, 5 = besar dan langsung dirasakan.',
     'How large and direct the benefit for citizens is. 1 = small, 5 = large and felt directly.',
     30, 'more', 'impact', 1),
    ('feasibility', 'Kemudahan pelaksanaan', 'Feasibility',
     'Seberapa mudah dilaksanakan dengan kewenangan, SDM dan mitra yang ada. 1 = sulit, 5 = mudah.',
     'How easily it can be carried out with the authority, staff and partners at hand. 1 = hard, 5 = easy.',
     20, 'more', 'effort', 2),
    ('cost', 'Biaya', 'Cost',
     'Perkiraan biaya sampai hasil pertama. 1 = murah, 5 = sangat mahal.',
     'Estimated cost up to the first result. 1 = cheap, 5 = very expensive.',
     15, 'less', 'effort', 3),
    ('readiness', 'Kesiapan (data, regulasi, SDM, infrastruktur)',
     'Readiness (data, regulation, people, infrastructure)',
     'Seberapa siap data, regulasi, SDM dan infrastruktur yang dibutuhkan. 1 = belum siap, 5 = semuanya siap.',
     'How ready the data, regulation, people and infrastructure needed are. 1 = not ready, 5 = all ready.',
     20, 'more', 'none', 4),
    ('time', 'Waktu sampai hasil pertama', 'Time to first result',
     'Berapa lama sampai warga melihat hasil pertama. 1 = beberapa bulan, 5 = lebih dari tiga tahun.',
     'How long until citizens see a first result. 1 = a few months, 5 = more than three years.',
     15, 'less', 'effort', 5));

INSERT INTO quickwin_rule (id, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
