"""The colours and fonts of the GUI, in one place, named by what they mean.

Colours are "#rrggbb" strings (usable in style sheets, in HTML and with ``QColor(...)``). Colours that
come from the workshop data stay with the data: the risk levels' colours are part of the risk matrix
(``fgd_app.core.risks.matrix``), and the PDFs have their own palette (``fgd_app.reports``). A test keeps
hex colour literals out of every other GUI module.
"""

from __future__ import annotations

# --- messages and states -------------------------------------------------------------------------------
ERROR = "#b3261e"  # a refused value, a missing treatment, "nothing planned yet"
ERROR_FILL = "#fde2e1"  # background of a table cell whose value was refused
REFUSED = "#B00020"  # rows an import or a merge leaves out, and the warning above them
SUCCESS = "#1b5e20"  # "saved", "within the appetite", a round timer that is ready or running
WARNING_TEXT = "#8a4b00"  # a warning that does not block (a close name)
PAUSED = "#8a6d00"  # a paused round timer
ALARM = "#c62828"  # a round timer that ran out (background under white text)
ALARM_TEXT = "white"

WARNING_BAND = "#fff4ce"  # the banner of a read-only or recovered file
WARNING_BAND_TEXT = "#4d3b00"
WARNING_BAND_BORDER = "#e0c36a"

ERROR_STRIP = "#fde7e9"  # the message strip under the people tables: error
ERROR_STRIP_TEXT = "#8c1d18"
ERROR_STRIP_BORDER = "#f2b8b5"
INFO_STRIP = "#e8f0fe"  # ... and information
INFO_STRIP_TEXT = "#0b3d91"
INFO_STRIP_BORDER = "#c2d7fa"

# --- text ------------------------------------------------------------------------------------------------
DARK_TEXT = "#202124"  # body text on the tinted rows of the import preview
SUBTITLE_TEXT = "#4a4a4a"
MUTED_TEXT = "#5f5f5f"  # secondary text: the version, a recent file's folder
NEUTRAL_TEXT = "#555555"  # a hint that is neither good nor bad ("no appetite set")
DISABLED_TEXT = "#8a8a8a"  # a recent file that no longer exists, "not a candidate"
PLACEHOLDER_BORDER = "#999999"  # dashed frame of an empty level swatch
WHITE = "#FFFFFF"

# --- tables and selection -----------------------------------------------------------------------------
SELECTION = "#cfe3ff"  # the chosen bar of the roadmap
NEWEST_ROW = "#fff3c4"  # the innovation just added, until the next one
HEADING_FILL = "#eef1f5"  # a heading row inside a summary table
DISAGREEMENT_FILL = "#fbd3b5"  # a scoring cell where FGD groups are 2 or more points apart
ADDED_FILL = "#E2F0D9"  # Excel import preview: a row added
CHANGED_FILL = "#DDEBF7"  # ... changed
DELETED_FILL = "#FCE4D6"  # ... deleted

# import preview of OPDs and participants: (background, text colour of the status)
IMPORT_NEW = ("#e6f4ea", "#0d652d")
IMPORT_DUPLICATE = ("#fef7e0", "#7a4f01")
IMPORT_EMPTY = ("#f1f3f4", "#5f6368")
IMPORT_REJECTED = ("#fce8e6", "#a50e0e")

# --- roadmap ----------------------------------------------------------------------------------------------
# The dimensions' colours on screen, by dimension position (the PDFs have their own, fgd_app.reports.plans).
DIMENSION_COLOURS = ("#1f5fa8", "#8e3b9e", "#2e7d32", "#c25e00", "#00838f", "#5d7a1f", "#6d4c41", "#455a64")
QUICK_WIN_FILL = "#fff1c2"  # the quick-win year
QUICK_WIN_TEXT = "#7a5200"
STAGE_FILLS = ("#eef3fa", "#f7f7f7")  # alternate stages of the horizon
GRID = "#d0d5dd"
STAGE_LINE = "#7d8794"

# --- quick wins -----------------------------------------------------------------------------------------
QUADRANT_FILLS = {"quick_win": "#e3f4e1", "major": "#e1ecf7", "fill_in": "#f6f3dc", "reconsider": "#f8e3e1"}
QUADRANT_INKS = {"quick_win": "#2e7d32", "major": "#1f5fa8", "fill_in": PAUSED, "reconsider": ERROR}
CANDIDATE = "#2e7d32"  # an innovation that meets the quick-win rule
CHART_INK = "#111111"  # outlines and labels on the impact/effort chart
CHART_BAR = "#1f4e79"  # the bars of the desk's comparison chart (the printouts' accent colour)
GUIDE_LINE = NEUTRAL_TEXT  # the chart's dashed middle lines

# --- risk heat map ----------------------------------------------------------------------------------------
HEATMAP_CELL_BORDER = WHITE
HEATMAP_SELECTED = "#000000"  # outline of the chosen cell
HEATMAP_RESIDUAL = "#1a1a1a"  # dashed outline of the residual cell

# --- projector (dark, read from across the room) -------------------------------------------------------------
PROJECTOR_BACKGROUND = "#10243e"
PROJECTOR_TEXT = "#ffffff"
PROJECTOR_MUTED = "#b8c7da"
PROJECTOR_HIGHLIGHT = "#ffd54f"  # codes, a running timer
PROJECTOR_NEW_ITEM = "#1f4d7a"  # the innovation just added
PROJECTOR_ALARM_BACKGROUND = "#5c1414"  # the whole window when the round ran out
PROJECTOR_VOTE_BAR = "#4caf50"  # a vote round: the dots an innovation got
PROJECTOR_SCORE_RANGE = "#5b8fc7"  # a scoring round: the groups' lowest to highest score
PROJECTOR_SCORE_WIDE = "#e0803a"  # ... when the groups are 2 or more levels apart
PROJECTOR_TIME_UP = "#ff6b6b"  # a vote round's countdown at 0:00
PROJECTOR_BASE_POINTS = 28.0  # body text at a 1024x768 window

# --- fonts ------------------------------------------------------------------------------------------------
PAGE_HEADING_STYLE = "font-size: 15pt; font-weight: 600;"
SECTION_HEADING_STYLE = "font-size: 12pt; font-weight: 600;"


def text_style(colour: str, extra: str = "") -> str:
    """Return a style sheet that colours a label's text: ``text_style(ERROR, "font-weight: bold;")``."""
    return f"color: {colour};" + (f" {extra}" if extra else "")
