"""Files in and out: the hand-over copy for the ministry, read-only review, merging many files into one
consolidated database, and the Excel/CSV round trip."""
