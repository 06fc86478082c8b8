"""Import a school's own protocol: read → segment → align → draft → write (each step pure and tested)."""
