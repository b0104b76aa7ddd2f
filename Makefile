# cybercap - build, test, demo, bench, fuzz.
#
#   make            build build/cybercap and build/libcybercap.a
#   make test       every suite: plainly, under ASan+UBSan, and on PostgreSQL
#   make demo       build, then score the bundled framework on the sample
#   make cluster-demo  the demo on PostgreSQL, two servers behind HAProxy
#   make bench      benchmarks (figures in bench/README.md)
#   make load       the server under load with wrk (bench/load.sh)
#   make fuzz       libFuzzer harnesses (FUZZ_SECONDS=N each, default 60)
#
# Missing system packages are installed by scripts/install-deps (Debian 12).

BUILD   ?= build
SAN     ?=
CC      ?= cc
PKGS    := yaml-0.1 jansson gsl sqlite3 libsodium libmicrohttpd zlib xlsxwriter libzip expat libbrotlienc libpq
OPT     ?= -O2 -g
CFLAGS  += $(OPT) -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MMD -MP
LDLIBS  += -lm -lpthread
ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
# The libFuzzer build (fuzz/run): the library instrumented for coverage.
ifeq ($(SAN),fuzz)
CFLAGS  += -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=fuzzer,address,undefined
endif

DEPS_OK := $(shell pkg-config --exists $(PKGS) cmocka 2>/dev/null && command -v clang >/dev/null && \
             ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && echo yes)
ifneq ($(DEPS_OK),yes)
$(info Installing missing build dependencies (scripts/install-deps)...)
$(shell ./scripts/install-deps >&2)
endif
CFLAGS  += $(shell pkg-config --cflags $(PKGS))
LDLIBS  := $(shell pkg-config --libs $(PKGS)) $(LDLIBS)

LIB_SRC := $(wildcard src/core/*.c src/format/*.c src/store/*.c src/service/*.c src/server/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PG_MIGRATIONS := $(sort $(wildcard src/store/migrations/pg/*.sql))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/migrations.o $(BUILD)/obj/gen/pg_migrations.o $(BUILD)/obj/gen/openapi.o \
           $(BUILD)/obj/gen/csirt_services.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: cluster-demo all web e2e api-test crash-test test test-plain test-asan test-pg unit demo bench load fuzz clean sample-data
all: $(BUILD)/cybercap web

# The web interface (web/, TypeScript + Vite) into web/dist, rebuilt when a
# source changes. npm packages come from the npm registry (package-lock).
WEB_SRC := $(shell find web/src web/public web/scripts -type f 2>/dev/null) \
           $(wildcard web/index.html web/package.json web/package-lock.json web/vite.config.ts web/tsconfig.json)
web: web/dist/index.html
web/dist/index.html: $(WEB_SRC)
	@command -v npm >/dev/null || ./scripts/install-deps
	cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) scripts/embed-sql
	@mkdir -p $(dir $@)
	sh scripts/embed-sql $@ $(MIGRATIONS)

$(BUILD)/gen/pg_migrations.c: $(PG_MIGRATIONS) scripts/embed-sql
	@mkdir -p $(dir $@)
	sh scripts/embed-sql $@ --name cc_pg_migrations $(PG_MIGRATIONS)

$(BUILD)/gen/openapi.c: src/server/openapi.json scripts/embed-file
	@mkdir -p $(dir $@)
	sh scripts/embed-file $@ cc_openapi_json src/server/openapi.json

# The FIRST CSIRT Services Framework catalogue (data/README.md).
$(BUILD)/gen/csirt_services.c: data/first-csirt-services.json scripts/embed-file
	@mkdir -p $(dir $@)
	sh scripts/embed-file $@ cc_csirt_services_json data/first-csirt-services.json

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -c $< -o $@

$(BUILD)/libcybercap.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/cybercap: $(CLI_OBJ) $(BUILD)/libcybercap.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libcybercap.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Isrc -o $@ $< \
		$(BUILD)/libcybercap.a $(LDFLAGS) $(shell pkg-config --libs cmocka) $(LDLIBS)

unit: $(TEST_BIN)

# One build's tests; prints per-suite results and a line "N passed, M failed"
# that scripts/test-summary adds up.
test-one: all unit
	@sh scripts/run-tests $(BUILD)

test-plain:
	@$(MAKE) --no-print-directory BUILD=build test-one

test-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 CC=clang test-one

# Suites on PostgreSQL (a throwaway server under build/pg; plain build;
# make test runs the sanitized unit tests there too).
test-pg:
	@$(MAKE) --no-print-directory BUILD=build all unit
	@sh tests/pg/run.sh build/cybercap

# The whole suite: both builds first (NPROC jobs each), then two streams at
# once, so that the browser tests' waiting overlaps the sanitized run:
# the plain build's suites, and the sanitized build's followed by the
# PostgreSQL suites and the fuzz smoke. Each stream's log is printed when
# it ends.
NPROC := $(shell nproc 2>/dev/null || echo 2)
test:
	@$(MAKE) --no-print-directory -j$(NPROC) BUILD=build all unit
	@$(MAKE) --no-print-directory -j$(NPROC) BUILD=build/asan SAN=1 CC=clang all unit
	@for d in tests/api tests/e2e tests/web; do \
		[ ! -f $$d/package.json ] || [ -d $$d/node_modules ] || \
		(cd $$d && npm ci --no-audit --no-fund >/dev/null 2>&1) || exit 1; done
	@{ sh scripts/run-tests build >build-test-plain.log 2>&1; } & \
	 { sh scripts/run-tests build/asan >build-test-asan.log 2>&1; \
	   CYBERCAP_PG_ALSO_UNITS=build/asan/tests sh tests/pg/run.sh build/cybercap >build-test-pg.log 2>&1; \
	   echo "build/pg: $$(grep -E '^pg: [0-9]+ passed' build-test-pg.log | tail -n 1 | cut -d' ' -f2-)" >>build-test-pg.log; \
	   sh fuzz/smoke build/cybercap >build-test-fuzz.log 2>&1; \
	   echo "build/fuzz: $$(grep -E '^fuzz: [0-9]+ passed' build-test-fuzz.log | tail -n 1 | cut -d' ' -f2-)" >>build-test-fuzz.log; }; \
	 wait
	@cat build-test-plain.log build-test-asan.log build-test-pg.log build-test-fuzz.log
	@sh scripts/test-summary build-test-plain.log build-test-asan.log build-test-pg.log build-test-fuzz.log

e2e: all
	sh tests/e2e/run.sh $(BUILD)/cybercap

crash-test: all
	sh tests/crash/run.sh $(BUILD)/cybercap 60

api-test: all
	sh tests/api/run.sh $(BUILD)/cybercap

# Builds, prepares build/demo-data (countries, the bundled frameworks and
# mappings, four fictional editions of the index, the maturity campaigns)
# and serves it; DEMO_LISTEN picks the address.
demo: all
	@build/cybercap demo --data build/demo-data --listen $(or $(DEMO_LISTEN),127.0.0.1:8080)

# The demo on PostgreSQL behind HAProxy: two servers, one database
# (scripts/cluster-demo; docs/operations.md).
cluster-demo: all
	@sh scripts/cluster-demo

sample-data: all
	$(BUILD)/cybercap sample frameworks/national-commitment.yaml --units 40 --seed 2026 \
		--units-out data/sample-units.csv > data/sample-responses.csv

$(BUILD)/bench_%: bench/bench_%.c bench/bench_server.h $(BUILD)/libcybercap.a
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(BUILD)/libcybercap.a $(LDFLAGS) $(LDLIBS)

bench: all
	@$(MAKE) --no-print-directory BUILD=build/bench OPT="-O3 -g" build/bench/bench_score build/bench/bench_robust build/bench/bench_sse build/bench/bench_drill_load build/bench/bench_attempts
	@sh bench/run

# 1,000 connections reading, 100 writing, 60 s each (bench/load.sh; set
# LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_WRITE_CONNECTIONS for a shorter run).
load: all
	@command -v wrk >/dev/null || ./scripts/install-deps
	@sh bench/load.sh $(BUILD)/cybercap

fuzz:
	@sh fuzz/run $(or $(FUZZ_SECONDS),60)

# One harness (BUILD=build/fuzz SAN=fuzz CC=clang, as fuzz/run calls it).
$(BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/driver.c fuzz/driver.h $(BUILD)/libcybercap.a
	$(CC) $(CFLAGS) -Isrc -o $@ $< fuzz/driver.c $(BUILD)/libcybercap.a $(LDFLAGS) $(LDLIBS)

clean:
	rm -rf build build-test-*.log

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
