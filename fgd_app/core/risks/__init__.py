"""Risks in the SPBE matrix: the matrix as data, the matrix in use, the register and its lines."""
