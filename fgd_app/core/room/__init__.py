"""Room mode: participants' phones join over the laptop's hotspot (check-in, ideas); the pure-Python core.

- ``records.Room`` (``ws.room``) holds the room's code and secret, the joined devices, the check-ins and the
  ideas inbox. Every row is written by the one ``Store``; phones never touch the file.
- Threads: the web server (``fgd_app.room``) runs in a thread of its own and never uses the store. It hands
  each phone request to the store's owner thread through ``desk.StoreDesk`` (a thread-safe queue that the GUI
  thread, or the ``fgd-app room`` main thread, drains) and answers the phone only after the owner's write
  committed: an acknowledged submission is on disk.
- A phone's submission (check-in, idea) is stored once per client id (``INSERT`` is skipped when the id is
  there), so a retried form never doubles. Phone submissions are written as non-undoable operations: the
  facilitator's Ctrl+Z undoes the facilitator's own last step (accepting, merging, rejecting an idea;
  confirming a check-in), never a phone's arrival; an unwanted idea is rejected instead.
- The phones see only what they need: dimensions, elements, OPD names and their own submissions
  (``phone_view``); never NIP, phone numbers or e-mail addresses, not even their own once sent.
"""
