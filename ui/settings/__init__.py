"""The technician's settings: one page per part of the counter, over the typed settings."""
