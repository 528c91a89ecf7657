"""The good offices service: the President's informal response and the regional focal points."""
