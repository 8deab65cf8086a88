"""The coverage board page: OPD x dimension counts and the *Siap diserahkan?* checklist."""
