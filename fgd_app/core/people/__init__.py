"""OPDs, participants and attendance; importing them from a CSV/XLSX list.

``list_files`` reads a file into text rows; ``importer.ImportPreview`` maps columns, cleans values, gives
every row its status and applies the new rows as one undoable step. No Qt: the GUI's preview dialog
(``fgd_app.gui.people.import_dialog``) only shows it. An OPD that records still need cannot be deleted
(``Opds.delete`` says which).
"""
