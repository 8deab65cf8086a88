-- 0011 room mode, part 2: rounds of votes and scores from the phones (fgd_app/core/room/rounds.py).
-- Phones never write here themselves: the laptop's core writes every row through its one writer.

-- One round the facilitator opens: a dot vote over innovations, criteria scoring of innovations by table
-- group, or risk scoring (likelihood and impact) by table group. settings: JSON (innovations or risks shown,
-- dots per phone, the most on one innovation, timer, groups, results live). Only one round is open at a
-- time (the partial unique index). salt: random, hashed with a phone's token so an answer names no device.
CREATE TABLE room_round (
    id            TEXT PRIMARY KEY NOT NULL,
    number        INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    kind          TEXT NOT NULL CHECK (kind IN ('dot_vote', 'criteria', 'risk')),
    title         TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 300),
    settings      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings) AND json_type(settings) = 'object'),
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    salt          TEXT NOT NULL CHECK (length(salt) BETWEEN 16 AND 100),
    opened_at     TEXT NOT NULL,
    closed_at     TEXT,
    applied_at    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((state = 'open') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX room_round_one_open ON room_round (state) WHERE state = 'open';

-- What happened to a round and when: opened, closed, reopened, applied (the reopen log).
CREATE TABLE room_round_event (
    id         TEXT PRIMARY KEY NOT NULL,
    round_id   TEXT NOT NULL REFERENCES room_round (id) ON DELETE CASCADE,
    event      TEXT NOT NULL CHECK (event IN ('opened', 'closed', 'reopened', 'applied')),
    at         TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX room_round_event_round ON room_round_event (round_id, at);

-- One phone's answer in a round: voter_hash is SHA-256 of the phone's token and the round's salt (the
-- file cannot tell which phone, nor link a phone's answers across rounds). client_id: generated for the
-- phone's form, so a retried request is stored once. group_name: the table group scoring ('' for a dot
-- vote). answer: JSON ({"dots": {innovation id: n}}, {"scores": {innovation id: {criterion id: 1-5}}},
-- {"risks": {risk id: [likelihood, impact]}}).
CREATE TABLE room_answer (
    id         TEXT PRIMARY KEY NOT NULL,
    round_id   TEXT NOT NULL REFERENCES room_round (id) ON DELETE CASCADE,
    voter_hash TEXT NOT NULL CHECK (length(voter_hash) = 64 AND voter_hash NOT GLOB '*[^0-9a-f]*'),
    client_id  TEXT NOT NULL UNIQUE CHECK (length(client_id) BETWEEN 8 AND 64),
    group_name TEXT NOT NULL DEFAULT '' CHECK (group_name = trim(group_name) AND length(group_name) <= 100),
    answer     TEXT NOT NULL CHECK (json_valid(answer) AND json_type(answer) = 'object'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (round_id, voter_hash)
);
CREATE UNIQUE INDEX room_answer_group ON room_answer (round_id, group_name) WHERE group_name <> '';
