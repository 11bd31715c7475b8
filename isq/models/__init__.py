"""Models layer: one module per topic; pure functions, DataFrame in, DataFrame out."""
