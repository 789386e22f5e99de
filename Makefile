# Patron. The two commands a new user needs:
#   make demo   install what is missing, build, start the server with demo data on http://127.0.0.1:8080
#   make test   install what is missing, build, run every test (unit, storage on SQLite and PostgreSQL,
#               API against the real binary, browser)
.PHONY: demo test build web deps format bench clean

demo: deps build web
	./build/release/patron demo --data-dir ./var --listen 127.0.0.1:8080

test:
	scripts/test.sh

deps:
	scripts/install-deps.sh

build:
	cmake --preset release
	cmake --build --preset release --target patron

web:
	scripts/build-web.sh

format:
	scripts/format.sh

bench:
	bench/run.sh

clean:
	rm -rf build web/dist
