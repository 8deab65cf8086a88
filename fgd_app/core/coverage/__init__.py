"""Coverage of a workshop: who has contributed what, and is the file ready to hand over?

- ``board.build_board(store)``: the OPD x dimension board: per OPD and dimension the innovations it leads,
  the action plans it is responsible for and the risks it owns (else those of the innovations it leads),
  with the OPDs present on the workshop day (attendance list) that have nothing yet, so the facilitator
  can call on them.
- ``completeness.check_completeness(store)``: the *Siap diserahkan?* checklist (innovations without plans,
  plans without funding or with years outside the horizon, risks at or above the appetite without
  treatment, no quick win chosen, paperwork details missing); each gap names the page and the records
  to fix. ``fgd-app check FILE --completeness`` prints the same list.

Pure Python over a ``Store`` (no Qt, no Workshop facade needed), one query per figure, so a portfolio of
many regions' files can run it per file.
"""
