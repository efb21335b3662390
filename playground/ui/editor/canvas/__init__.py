"""The node-graph canvas: a QGraphicsScene mirroring a GraphDocument, and its view."""
