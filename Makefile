# Two commands on a fresh Debian/Ubuntu machine:
#   make run   — installs what is missing, migrates the embedded database, loads the bundled
#                catalog and starts the counter program
#   make test  — same set-up, then ruff, mypy and the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Qt (offscreen and xcb), fonts, zbar (QR decoding in tests), poppler (pdffonts),
# PostgreSQL (migrations are tested on a real server), Xvfb (screenshots), Tesseract with
# Vietnamese data (OCR), SANE with its headers (python-sane builds against them), Ghostscript
# (OCRmyPDF, the benchmark's peer), wrk (the hub benchmark's load generator), CUPS with
# cups-filters (printing is tested through a private cupsd with file-backed queues).
APT_PACKAGES := python3-venv python3-dev gcc libegl1 libgl1 libfontconfig1 libxkbcommon0 \
	libxkbcommon-x11-0 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxcb-xinerama0 \
	fonts-dejavu-core libzbar0 poppler-utils postgresql xvfb xauth \
	tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd \
	sane-utils libsane1 libsane-dev ghostscript wrk \
	cups cups-client cups-bsd cups-filters

.PHONY: run test sysdeps venv lint typecheck pytest translations bench clean

run: venv translations
	$(BIN)/onestop db upgrade
	$(BIN)/onestop catalog import --bundled
	$(BIN)/onestop

test: venv translations lint typecheck pytest

sysdeps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

venv: sysdeps $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)
	@for ts in resources/translations/*.ts; do \
		[ -e "$$ts" ] || continue; \
		$(BIN)/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; \
	done

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: venv
	$(BIN)/python bench/receipt.py
	$(BIN)/python bench/vault_lookup.py
	$(BIN)/python bench/intake_commit.py
	$(BIN)/python bench/idcard.py
	$(BIN)/python bench/hub.py
	$(BIN)/python bench/dashboard.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
