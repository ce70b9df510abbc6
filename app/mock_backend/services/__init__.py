"""Operations on the store. Each takes the time ``at`` explicitly and holds the store lock throughout."""
