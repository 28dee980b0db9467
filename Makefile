# ccl10n: the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# System libraries ccl10n is built on (Debian package names).
DEB_PACKAGES := pkg-config libicu-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev python3 python3-venv
# Translate Toolkit, a peer the interoperability tests run against (from PyPI, in its own virtual environment).
TT_VENV := .build/translate-toolkit
BIN := .build/debug/ccl10n

LINT_PATHS := Package.swift Sources Tests

.PHONY: lint format deps peers browser omegat generators build demo test bench profile crash-test fuzz asan docs clean

## deps: install the missing system packages (apt-get; sudo when not root)
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is not installed (https://www.swift.org/install/linux/)"; exit 2; }

## lint: swift-format in lint mode (.swift-format: 4 spaces, 120 columns, no force-unwrap or force-try)
lint:
	$(SWIFT) format lint --strict --parallel -r $(LINT_PATHS)

## format: rewrite the sources as swift-format lays them out
format:
	$(SWIFT) format format -i --parallel -r $(LINT_PATHS)

## build: compile ccl10n (debug)
build: deps
	$(SWIFT) build --product ccl10n

## demo: extract the sample content, build the Dutch bundle and show it
demo: build
	$(BIN) extract
	$(BIN) build --locale nl
	@echo
	@echo "The Dutch bundle is in $(CURDIR)/Bundles/nl/ (manifest: Bundles/nl/manifest.json)."
	@echo "The Dutch page translated from English, Bundles/nl/news/week-of-rare-cancers.md:"
	@echo
	@cat Bundles/nl/news/week-of-rare-cancers.md

## peers: install Translate Toolkit for the interoperability tests (they are skipped, with a message, without it)
peers:
	@[ -x $(TT_VENV)/bin/pocount ] || { python3 -m venv $(TT_VENV) && $(TT_VENV)/bin/pip install -q "translate-toolkit[markdown]"; } \
	  || echo "warning: could not install translate-toolkit from PyPI; its interoperability tests will be skipped"

## browser: install Debian's Chromium for the browser tests (they are skipped, with a message, without it)
browser:
	@command -v chromium >/dev/null || { sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; } \
	  || echo "warning: could not install chromium; the browser tests will be skipped"

## omegat: install Debian's OmegaT for the CAT-tool round trip (skipped, with a message, without it; ~90 s once)
omegat:
	@command -v omegat >/dev/null || { sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq omegat >/dev/null 2>&1 \
	  || { $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq omegat >/dev/null; }; } \
	  || echo "warning: could not install omegat; the OmegaT round trip will be skipped"

## generators: install Debian's Hugo and Jekyll for the site-layout tests (they are skipped, with a message, without them)
generators:
	@missing=""; for p in hugo jekyll; do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	[ -z "$$missing" ] || { sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 \
	  || { $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get -o DPkg::Lock::Timeout=600 \
	       install -y -qq --no-install-recommends $$missing >/dev/null; }; } \
	  || echo "warning: could not install$$missing; the site generator tests will be skipped"

## test: run the whole test suite
test: deps peers browser omegat generators lint
	$(SWIFT) build --build-tests
	@rm -rf .build/test-tmp && mkdir -p .build/test-tmp
	TMPDIR=$(CURDIR)/.build/test-tmp $(SWIFT) test --skip-build
	@# Every folder a test makes (ccl10n-test-*) is removed by it; SwiftPM's own files there are not ours.
	@left=$$(cd .build/test-tmp && ls -d ccl10n-* 2>/dev/null); if [ -n "$$left" ]; then \
	  echo "error: the tests left these in their temporary folder (.build/test-tmp):" $$left >&2; exit 1; fi

## bench: ccl10n against Translate Toolkit, po4a and mdpo, then living projects (bench/living.sh); writes BENCHMARKS.md
bench: deps
	bash bench/run.sh
	bash bench/living.sh

## profile: where a cold extract and a cold build of the 1k bench corpus spend their CPU, stage by stage (perf)
profile: deps
	bash bench/profile.sh

## crash-test: kill extract and build at 100 random moments; every file must be old or new
crash-test: deps
	$(SWIFT) build --build-tests
	CCL10N_CRASH_TRIALS=100 $(SWIFT) test --skip-build --filter CrashSafetyTests

FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
## fuzz: libFuzzer on the readers of XLIFF, Markdown, values, front matter, the configuration, TMX and HTML, FUZZ_SECONDS each
fuzz: deps
	$(SWIFT) build -c release --product ccl10n-fuzz --scratch-path $(FUZZ_BUILD) \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	@for t in xliff markdown values frontmatter config tmx html; do \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
	  [ $$t = xliff ] && cp Locales/*/*/*.xlf $(FUZZ_BUILD)/corpus-$$t/ 2>/dev/null; \
	  [ $$t = markdown -o $$t = frontmatter ] && cp Sources-*/*/*.md $(FUZZ_BUILD)/corpus-$$t/ 2>/dev/null; \
	  [ $$t = config ] && cp fuzz/seeds/ccl10n.yml $(FUZZ_BUILD)/corpus-$$t/ 2>/dev/null; \
	  [ $$t = tmx ] && cp Locales/tm/*.tmx $(FUZZ_BUILD)/corpus-$$t/ 2>/dev/null; \
	  [ $$t = html ] && cp fuzz/seeds/page.html $(FUZZ_BUILD)/corpus-$$t/ 2>/dev/null; \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp CCL10N_FUZZ_TARGET=$$t $(FUZZ_BUILD)/release/ccl10n-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=$(FUZZ_BUILD)/crash-$$t- $(FUZZ_BUILD)/corpus-$$t || exit 1; \
	done

## asan: the whole test suite under the address sanitizer
asan: deps peers omegat
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp $(SWIFT) test --skip-build --scratch-path .build-asan

## docs: the man page (docs/man) and shell completions (docs/completions), from the command definitions
docs: build
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --date 2026-11-30 --output-directory docs/man
	rm -f docs/man/ccl10n-fuzz.1
	mkdir -p docs/completions
	for shell in bash zsh fish; do $(BIN) --generate-completion-script $$shell > docs/completions/ccl10n.$$shell; done

clean:
	rm -rf .build Bundles
