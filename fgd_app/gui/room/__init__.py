"""Room mode on the laptop: turning the room on and off, its QR code, the ideas inbox and the check-in list.

``controller.RoomController`` (one per main window) owns the running server and the store desk: the desk's
wake-up signal is queued to the GUI thread, which runs the phones' jobs in batches of about 10 ms, each batch
one transaction (one disk flush, one change notice), so the window keeps painting. ``window.RoomWindow`` is
the facilitator's room window (network choice, QR, code, check-ins, phones); ``inbox.InboxPanel`` is the
ideas inbox, a pane of the capture page; ``projector.RoomQrPanel`` is the projector's room screen.
"""
