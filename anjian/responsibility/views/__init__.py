"""Pages of the responsibility system: lists, agreements (with coverage), linkage, meetings."""
