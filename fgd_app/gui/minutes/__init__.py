"""Page 8, the notulen of each day, and printing one day's notulen.

PySide6 note: ``QShortcut(key, parent, slot, context=...)`` ignores ``context`` when a slot is passed (the
shortcut becomes window-wide); ``discussion.shortcut()`` connects the slot afterwards.
"""
