"""Room mode on the laptop: turning the room on and off, its QR code, the ideas inbox and the check-in list.

``controller.RoomController`` (one per main window) owns the running server and the store desk: the desk's
wake-up signal is queued to the GUI thread, which runs the phones' jobs in batches of at most 30 ms so the
window keeps painting. ``window.RoomWindow`` is the facilitator's room window (QR, code, inbox, check-ins,
phones); ``projector.RoomQrPanel`` is the projector's room screen.
"""
