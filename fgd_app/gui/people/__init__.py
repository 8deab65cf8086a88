"""Page 2, participants and OPDs, with the import preview."""
