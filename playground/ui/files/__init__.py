"""Files: opening and saving graphs, autosave and restore, trained weights and export, the bundled
preset library and the "About this preset" panel."""
