#!/bin/bash
# bench/xlsx.sh: sg-import on an Excel workbook against csvkit's in2csv on
# the same file.  Not part of `make check`.
#
#   bench/xlsx.sh [-r RUNS] [-n ROWS] [-d DIR] [-b BUILD]
#
# Makes (once, kept in DIR) a workbook of ROWS rows (default 100000) with
# openpyxl: the columns of a record-level return (reference, agency, date,
# count, rate, flag, free text), shared strings, numbers, dates and
# booleans as Excel holds them.  Then runs each reader RUNS times (default
# 3), alternating, and prints the median wall time and peak memory (GNU
# time's %M).  Both outputs are checked to hold ROWS rows plus a header.
# Needs: python3-openpyxl csvkit time (apt-get install -y python3-openpyxl
# csvkit time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/opts.sh" sg-bench-xlsx "$@"
PATH=$BUILD/tools:$PATH
export LC_ALL=C.UTF-8
command -v sg-import >/dev/null ||
	{ echo "bench/xlsx.sh: build sg first (or -b BUILD)" >&2; exit 1; }
[ -x /usr/bin/time ] ||
	{ echo "bench/xlsx.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$DIR"
cd "$DIR"
book=records-$ROWS.xlsx

if [ ! -s "$book" ]; then
	echo "making $book with openpyxl..." >&2
	/usr/bin/python3 - "$ROWS" "$book" <<'EOF'
import datetime, random, sys
import openpyxl
rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(20240331)
agencies = ["Adult Social Care", "Avon and Somerset Police", "RUH",
            "Children's Social Care", "Oxford Health", "DHI", "Southside"]
notes = ["", "Figures from ESR, 31 March", "Training paused for 3 months",
         "New starters only, Q4", "Not applicable to our staff group"]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Records")
ws.append(["ref", "agency", "received", "count", "rate", "closed", "notes"])
start = datetime.date(2023, 4, 1)
for i in range(rows):
    ws.append(["C%07d" % (i + 1), rnd.choice(agencies),
               start + datetime.timedelta(days=rnd.randrange(366)),
               rnd.randrange(2000), round(rnd.random() * 100, 2),
               rnd.random() < 0.5, rnd.choice(notes)])
wb.save(path)
EOF
fi

log=$DIR/times.log
: >"$log"
measure() {	# LABEL CMD: one run, appends "LABEL seconds kilobytes"
	local label=$1
	shift
	/usr/bin/time -f '%e %M' -o .time bash -c "$*" >/dev/null 2>.err ||
		{ echo "bench/xlsx.sh: '$label' failed: $(head -3 .err)" >&2; return 1; }
	echo "$label $(cat .time)" >>"$log"
}

for _ in $(seq "$RUNS"); do
	measure sg-import "sg-import '$book' >out-sg.tsv"
	if command -v in2csv >/dev/null; then
		measure in2csv "in2csv '$book' >out-in2csv.csv"
	fi
done
want=$((ROWS + 1))
got=$(wc -l <out-sg.tsv)
[ "$got" = "$want" ] || { echo "bench/xlsx.sh: sg-import wrote $got lines, not $want" >&2; exit 1; }
if [ -s out-in2csv.csv ]; then
	got=$(wc -l <out-in2csv.csv)
	[ "$got" = "$want" ] || { echo "bench/xlsx.sh: in2csv wrote $got lines, not $want" >&2; exit 1; }
fi

printf '%s: %s rows, %s bytes, %s runs each\n' "$book" "$ROWS" \
    "$(wc -c <"$book")" "$RUNS"
printf '%-10s %10s %10s %12s\n' reader "median s" "x sg" "peak MB"
sgmed=
for label in sg-import in2csv; do
	grep -q "^$label " "$log" || continue
	med=$(awk -v l="$label" '$1 == l { print $2 }' "$log" | sort -n |
	    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	mem=$(awk -v l="$label" '$1 == l { print $3 }' "$log" | sort -n | tail -1)
	[ -n "$sgmed" ] || sgmed=$med
	printf '%-10s %10s %10s %12s\n' "$label" "$med" \
	    "$(awk -v a="$med" -v b="$sgmed" 'BEGIN { printf "%.1f", a / b }')" \
	    "$(awk -v k="$mem" 'BEGIN { printf "%.1f", k / 1024 }')"
done
