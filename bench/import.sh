#!/usr/bin/env bash
# Import benchmark (issue 8): N fictional participants as CSV, loaded
#   (1) raw, by the database's own bulk load of the same rows — SQLite: one transaction of prepared
#       inserts (sqlite3 .import); PostgreSQL: COPY via psql — into a table with the same indexes;
#   (2) through Stegvis: POST /api/v1/imports/participants on the release server with curl
#       (parsed, validated, authorised, audited, one transaction);
# and prints rows/s of both, their ratio and the server's peak RSS (VmHWM).
#
#   bench/import.sh                      # 100,000 rows, SQLite and PostgreSQL
#   ROWS=1000000 bench/import.sh         # the memory check
#   BACKENDS=sqlite bench/import.sh      # one backend only
#   PERF_OUT=/tmp/import.perf bench/import.sh   # also a perf profile per backend (+ the server's pid)
# Needs: a release build (cargo build --release), curl, sqlite3, psql, awk; PostgreSQL at
# TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail

ROWS=${ROWS:-100000}
BACKENDS=${BACKENDS:-"sqlite postgres"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${STEGVIS_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/stegvis}
PG_ADMIN=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_BASE=${PG_ADMIN%/*}
PORT=${PORT:-18089}
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/stegvis-import-bench.XXXXXX)
SERVER_PID=
trap 'if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

[ -x "$BIN" ] || { echo "no release binary at $BIN: run cargo build --release" >&2; exit 1; }

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

# Writes $ROWS rows: mode "import" = Stegvis's import columns; mode "raw" = every column of the
# participants table, as stored. Valid personnummer (Luhn check digit) from varying dates and
# birth numbers, so every row is unique.
generate() {
  local mode=$1 unit=$2
  awk -v rows="$ROWS" -v mode="$mode" -v unit="$unit" 'BEGIN {
    srand(42)
    first[0]="Anna"; first[1]="Erik"; first[2]="Maria"; first[3]="Johan"; first[4]="Sara"; first[5]="Lars"
    last[0]="Testsson"; last[1]="Provsson"; last[2]="Exempelsson"; last[3]="Fiktiv"; last[4]="Påhittad"
    if (mode == "import") print "external_id;personal_identity_number;first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;postal_code;city"
    else print "id,personal_identity_number,first_name,last_name,date_of_birth,gender,protected_identity,phone,email,postal_address,care_of,postal_code,city,unit_id,responsible_caseworker_id,housing_situation,main_substance,income_source,status,closed_on,closed_reason,search_key,created_at,updated_at,version,external_id"
    for (i = 0; i < rows; i++) {
      d = i % 22176; nnn = int(i / 22176) + 1
      year = 1940 + int(d / 336); month = int((d % 336) / 28) + 1; day = d % 28 + 1
      nine = sprintf("%02d%02d%02d%03d", year % 100, month, day, nnn)
      sum = 0
      for (k = 1; k <= 9; k++) {
        v = substr(nine, k, 1) * ((k % 2 == 1) ? 2 : 1)
        sum += int(v / 10) + v % 10
      }
      check = (10 - sum % 10) % 10
      pin = sprintf("%04d%02d%02d-%03d%d", year, month, day, nnn, check)
      fn = first[i % 6]; ln = last[i % 5]
      gender = (i % 2) ? "man" : "woman"
      if (mode == "import") {
        printf "BENCH-%d;%s;%s;%s;%s;%s;shelter;alcohol;financial_assistance;118 20;Stockholm\n", i, pin, fn, ln, gender, unit
      } else {
        digits = pin; sub("-", "", digits)
        printf "00000000-0000-7000-8000-%012d,%s,%s,%s,%04d-%02d-%02d,%s,false,,,,,118 20,Stockholm,%s,,shelter,alcohol,financial_assistance,active,,,%s %s %s %s,2026-11-26 00:00:00,2026-11-26 00:00:00,1,BENCH-%d\n", i, pin, fn, ln, year, month, day, gender, unit, tolower(fn), tolower(ln), pin, digits, i
      }
    }
  }'
}

start_server() {
  local data=$1; shift
  STEGVIS_BIND=127.0.0.1:$PORT STEGVIS_DATA_DIR=$data STEGVIS_ADMIN_PASSWORD=bench-admin-password \
    STEGVIS_JWT_SECRET=bench-secret-0123456789abcdef0123456789 STEGVIS_FRONTEND_DIR=$WORK/none \
    STEGVIS_MAX_IMPORT_BYTES=4000000000 RUST_LOG=warn "$@" "$BIN" --demo >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "$URL/readyz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

printf '%-9s %9s %14s %16s %7s %14s  %s\n' backend rows "raw rows/s" "stegvis rows/s" ratio "peak RSS MB" \
  "peaks anon / file / shmem MB"
for backend in $BACKENDS; do
  data=$WORK/$backend
  mkdir -p "$data"
  if [ "$backend" = postgres ]; then
    db=stegvis_import_bench
    psql -q "$PG_ADMIN" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
    start_server "$data" env STEGVIS_DATABASE_URL="$PG_BASE/$db"
  else
    # Explicitly: a STEGVIS_DATABASE_URL inherited from the caller (bench/run sets one) would send
    # the import into another database than the one the raw load copies.
    start_server "$data" env STEGVIS_DATABASE_URL="$data/stegvis.db"
  fi
  token=$(curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"anna.handlaggare","password":"stegvis-demo"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  unit=$(curl -s "$URL/api/v1/auth/me" -H "Authorization: Bearer $token" | sed -E 's/.*"units":\[\{"id":"([^"]+)".*/\1/')
  generate import "$unit" >"$WORK/import.csv"
  generate raw "$unit" >"$WORK/raw.csv"

  # (1) The database's own bulk load into an empty copy of the participants table. On PostgreSQL
  # also into a copy of participant_search, the list's search columns that triggers keep beside
  # each participant (migration 000026), with its trigram index: an import stores both. On SQLite
  # the copy of the database keeps its triggers, so the load also fills the list's trigram index
  # (participant_text, migration 000027), as an import does.
  if [ "$backend" = postgres ]; then
    psql -q "$PG_BASE/$db" -c "CREATE TABLE participants_raw (LIKE participants INCLUDING ALL)" \
      -c "CREATE TABLE participant_search_raw (LIKE participant_search INCLUDING ALL)" >/dev/null
    t0=$(now)
    psql -q "$PG_BASE/$db" -c "\\copy participants_raw FROM '$WORK/raw.csv' WITH (FORMAT csv, HEADER true)" \
      -c "INSERT INTO participant_search_raw SELECT id, unit_id, protected_identity,
            responsible_caseworker_id, status, search_key, last_name, first_name, created_at
          FROM participants_raw" >/dev/null
    t1=$(now)
  else
    sqlite3 "$data/stegvis.db" ".backup $WORK/raw.db"
    before=$(sqlite3 "$WORK/raw.db" "SELECT count(*) FROM participants")
    t0=$(now)
    sqlite3 "$WORK/raw.db" ".import --csv --skip 1 $WORK/raw.csv participants"
    t1=$(now)
    loaded=$(( $(sqlite3 "$WORK/raw.db" "SELECT count(*) FROM participants") - before ))
  fi
  if [ "$backend" = postgres ]; then
    loaded=$(psql -qtA "$PG_BASE/$db" -c "SELECT count(*) FROM participants_raw")
  fi
  # A raw load that skipped rows (or went into a new table) would make the comparison meaningless.
  if [ "$loaded" != "$ROWS" ]; then
    echo "the raw load stored $loaded rows, not $ROWS: comparison refused" >&2; exit 1
  fi
  raw=$(rate "$ROWS" "$t0" "$t1")

  # (2) The same rows through Stegvis (PERF_OUT=file: with a perf profile of the server).
  perf_pid=
  if [ -n "${PERF_OUT:-}" ]; then
    # Every CPU with DWARF stacks (as bench/run's profiles): the import runs on a thread the server
    # starts for it. The server's process id goes beside the data, for `perf script --pid`.
    echo "$SERVER_PID" >"$PERF_OUT.$backend.pid"
    perf record -q -a -F 199 --call-graph dwarf,16384 -o "$PERF_OUT.$backend" >/dev/null 2>&1 &
    perf_pid=$!
    sleep 0.5
  fi
  # Peak of each part of the resident set, sampled: VmHWM alone cannot tell the server's own
  # memory (anonymous) from database file pages it has mapped (file, shared memory).
  ( peak_anon=0 peak_file=0 peak_shmem=0
    while kill -0 "$SERVER_PID" 2>/dev/null; do
      read -r anon file shmem < <(awk '/RssAnon/ { a = $2 } /RssFile/ { f = $2 } /RssShmem/ { s = $2 }
        END { print a + 0, f + 0, s + 0 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0 0 0)
      [ "$anon" -gt "$peak_anon" ] && peak_anon=$anon
      [ "$file" -gt "$peak_file" ] && peak_file=$file
      [ "$shmem" -gt "$peak_shmem" ] && peak_shmem=$shmem
      echo "$peak_anon $peak_file $peak_shmem" >"$WORK/rss-peaks"
      sleep 0.1
    done ) &
  sampler=$!
  t0=$(now)
  status=$(curl -s -o "$WORK/result.json" -w '%{http_code}' -X POST "$URL/api/v1/imports/participants" \
    -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$WORK/import.csv")
  t1=$(now)
  if [ "$status" != 201 ]; then
    echo "import failed ($status): $(head -c 600 "$WORK/result.json")" >&2; exit 1
  fi
  stegvis=$(rate "$ROWS" "$t0" "$t1")
  if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
  hwm=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  parts=$(awk '{ printf "%.0f / %.0f / %.0f", $1 / 1024, $2 / 1024, $3 / 1024 }' "$WORK/rss-peaks")
  ratio=$(awk -v a="$raw" -v b="$stegvis" 'BEGIN { printf "%.2f", a / b }')
  printf '%-9s %9d %14s %16s %7s %14s  %s\n' "$backend" "$ROWS" "$raw" "$stegvis" "$ratio" "$hwm" "$parts"
  stop_server
  if [ "$backend" = postgres ]; then
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  fi
  rm -rf "$data" "$WORK"/*.csv "$WORK/raw.db"
done
echo "ratio = raw rows/s ÷ Stegvis rows/s (target: ≤ 3, and ≥ 35,000 Stegvis rows/s)"
