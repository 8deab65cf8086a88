"""The application shell: start-up, the start screen, the main window, the page registry and settings."""
