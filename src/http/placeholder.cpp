namespace patron::http {}
