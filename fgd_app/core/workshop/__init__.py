"""The workshop's own data: identity and region, days, planning horizon and stages, dimensions and
elements; the Kemendagri region list; the defaults written into a new file."""
