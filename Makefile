# ccl10n: the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# System libraries ccl10n is built on (Debian package names).
DEB_PACKAGES := pkg-config libicu-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev
BIN := .build/debug/ccl10n

.PHONY: deps build demo test clean

## deps: install the missing system packages (apt-get; sudo when not root)
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is not installed (https://www.swift.org/install/linux/)"; exit 2; }

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

## test: run the whole test suite
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build Bundles
