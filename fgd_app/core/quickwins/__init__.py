"""Quick wins (program unggulan): criteria, scores and votes, the rule, the board and the choice."""
