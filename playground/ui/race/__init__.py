"""The optimizer race: optimizers descending a 2-D loss surface, drawn on its contour map."""
