"""Page 4, action plans: the innovations to pick from, the plans table and its editors."""
