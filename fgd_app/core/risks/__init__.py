"""Risks in the SPBE matrix: the matrix as data, the matrix in use, the register and its lines.

- The matrix (levels, bands, the cell -> magnitude grid) is data stored in each workshop file; nobody types a
  magnitude or level. Each scored risk points at its matrix cell with a composite foreign key
  (likelihood, impact, magnitude, level; ``db/migrations/0005_risk.sql``), so a score that does not match
  the matrix in use cannot be saved, not even by hand-written SQL.
- Changing the matrix recomputes every scored risk in one undoable step (``matrix_setup``); a matrix with
  fewer or more levels rescales the scores so the lowest and highest stay lowest and highest.
"""
