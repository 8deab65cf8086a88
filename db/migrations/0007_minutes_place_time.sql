-- 0007 minutes place and time: where and when the meeting of one notulen took place, when it differs
-- from the workshop's venue and the day's hours. Empty means "as the workshop": the core
-- (fgd_app/core/minutes/book.py) prints the venue and the day's start and end time then.
ALTER TABLE minutes ADD COLUMN place TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 300);
ALTER TABLE minutes ADD COLUMN start_time TEXT NOT NULL DEFAULT ''
    CHECK (start_time = '' OR start_time GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE minutes ADD COLUMN end_time TEXT NOT NULL DEFAULT ''
    CHECK (end_time = '' OR end_time GLOB '[0-2][0-9]:[0-5][0-9]');
