"""Players that are not people: seeded bots that drive a `Game` through its lines."""
