# Everyday commands. The README's two commands are `swift run gongkai serve` and `scripts/test`.
.PHONY: build test test-fast test-postgres run migrate revert routes seed bench format

build:
	swift build

test:
	scripts/test

test-fast:
	swift test --filter 'GongkaiCoreTests|GongkaiInterchangeTests'

run:
	swift run gongkai serve

migrate:
	swift run gongkai migrate

revert:
	swift run gongkai migrate --revert

routes:
	swift run gongkai routes

seed:
	swift run gongkai demo load

bench:
	swift run -c release gongkai-bench foundation

format:
	swift format --in-place --recursive Sources Tests
