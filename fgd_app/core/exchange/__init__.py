"""Files in and out: the hand-over copy for the ministry, read-only review, merging many files into one
consolidated database, and the Excel/CSV round trip.

- The hand-over copy explains itself (manifest, data dictionary, readable views; ``db/README.md``) and gets
  its final name only after it has been checked.
- Merging treats every input as untrusted: attached read-only and immutable, compared with the known
  schema; records are matched by ID, the newer edit wins, and a real conflict (same time, different
  content) is recorded in ``merge_conflict``, never resolved silently.
- The Excel import goes through the same validation as the screens and saves as one undoable step.
"""
