"""The compare view: several runs of one graph side by side (setup form, worker, curves, results
table)."""
