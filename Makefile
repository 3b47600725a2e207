.PHONY: run test test-postgres lint

run:  ## install, load the demo network and serve on http://127.0.0.1:8000
	scripts/run

test:  ## install and run every test (SQLite unless DATABASE_URL is set)
	scripts/test

test-postgres:  ## the suite against a throwaway PostgreSQL server (pages in Chromium and the two-node cluster: `make test`)
	DATABASE_URL=$$(scripts/postgres start) TEST_MARKERS="not browser and not cluster" scripts/test

lint:  ## ruff, as CI runs it
	scripts/bootstrap
	.venv/bin/ruff check .
