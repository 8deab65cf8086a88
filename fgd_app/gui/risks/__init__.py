"""Page 6, risks: the register, the risk form, group scores, heat maps and the matrix settings."""
