"""Item pipelines, one concern each: validate -> syndication -> store."""
