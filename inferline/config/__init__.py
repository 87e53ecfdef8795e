"""Configuration: the pydantic models of a stack file, its loader, and the generated reference."""
