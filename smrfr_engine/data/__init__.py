"""Package data of the engine (see README.md here)."""
