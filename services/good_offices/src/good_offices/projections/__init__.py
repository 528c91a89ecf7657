"""Read models of the good offices service, fed by the shared log."""
