"""The projector window, its modes per area, and the FGD round timer (one hub per open workshop)."""
