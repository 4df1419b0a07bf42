"""The demo content as data: every text in Japanese and English, pages referred to by slug."""
