#!/bin/bash
# bench/book.sh: sg-book writing a 100,000-row table to .xlsx and .ods,
# against openpyxl's write-only workbook (what an analyst would script
# instead) writing the same table with numbers as numbers.  Not part of
# `make check`.
#
#   bench/book.sh [-r RUNS] [-n ROWS] [-d DIR] [-b BUILD]
#
# Makes (once, kept in DIR) a table of ROWS rows (default 100000) with
# sg-synth-like columns: a label, an agency, a date, three counts, a rate,
# a percentage with symbols.  Runs each writer RUNS times (default 3),
# alternating, and prints the median wall time, peak memory (GNU time's
# %M) and the ratio.  Each workbook is checked to hold ROWS data rows.
# Needs: python3-openpyxl time (apt-get install -y python3-openpyxl time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/opts.sh" sg-bench-book "$@"
PY=/usr/bin/python3
"$PY" -c 'import openpyxl' || { echo "bench/book.sh: needs python3-openpyxl" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/book.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$DIR"
T=$DIR/table-$ROWS.tsv
if [ ! -s "$T" ]; then
	awk -v n="$ROWS" 'BEGIN { OFS = "\t"; srand(7)
		print "reference", "agency", "date", "contacts", "referrals", "assessments", "rate", "pct"
		for (i = 1; i <= n; i++) {
			c = int(rand() * 5000); r = int(rand() * 800)
			p = rand() < 0.03 ? "c" : sprintf("%.1f", rand() * 100)
			printf "R%07d\tAgency %d\t2024-%02d-%02d\t%d\t%d\t%d\t%.1f\t%s\n",
				i, i % 17, 1 + i % 12, 1 + i % 28, c, r, int(r / 2), rand() * 500, p
		} }' >"$T"
fi
cat >"$DIR/openpyxl_write.py" <<'PYEOF'
# The same table through openpyxl's write-only workbook, numbers as numbers.
import sys, openpyxl, datetime
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet('table')
with open(sys.argv[1], encoding='utf-8') as f:
    ws.append(f.readline().rstrip('\n').split('\t'))
    for line in f:
        c = line.rstrip('\n').split('\t')
        y, m, d = map(int, c[2].split('-'))
        ws.append([c[0], c[1], datetime.date(y, m, d), int(c[3]), int(c[4]),
                   int(c[5]), float(c[6]), '[c]' if c[7] == 'c' else float(c[7])])
wb.save(sys.argv[2])
PYEOF
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() {	# NAME CMD...: wall seconds and peak KB into $DIR/NAME.times
	/usr/bin/time -f '%e %M' -o "$DIR/t.out" "${@:2}" >/dev/null
	cat "$DIR/t.out" >>"$DIR/$1.times"
}
rm -f "$DIR"/*.times
for i in $(seq "$RUNS"); do
	run sg-xlsx "$BUILD/tools/sg-book" -o "$DIR/sg.xlsx" -T Bench -d 2024-01-01 "$T"
	run sg-ods "$BUILD/tools/sg-book" -o "$DIR/sg.ods" -T Bench -d 2024-01-01 "$T"
	run openpyxl "$PY" "$DIR/openpyxl_write.py" "$T" "$DIR/py.xlsx"
done
# Each holds the rows: the table sheet's last row is ROWS + 3 (title,
# line, header) in sg's, ROWS + 1 in openpyxl's.
"$PY" - "$DIR" "$ROWS" <<'PYEOF'
import sys, openpyxl
d, n = sys.argv[1], int(sys.argv[2])
a = openpyxl.load_workbook(d + '/sg.xlsx', read_only=True)['table-' + str(n)].max_row
b = sum(1 for _ in openpyxl.load_workbook(d + '/py.xlsx', read_only=True)['table'].iter_rows())
assert a == n + 3 and b == n + 1, (a, b)
PYEOF
printf '%-10s %9s %10s\n' writer seconds peak_MB
for w in sg-xlsx sg-ods openpyxl; do
	s=$(cut -d' ' -f1 "$DIR/$w.times" | median)
	m=$(cut -d' ' -f2 "$DIR/$w.times" | median)
	printf '%-10s %9s %10.1f\n' "$w" "$s" "$(echo "$m / 1024" | bc -l)"
	eval "t_${w//-/_}=$s"
done
awk -v a="$t_openpyxl" -v b="$t_sg_xlsx" -v c="$t_sg_ods" 'BEGIN {
	printf "sg-book .xlsx is %.1fx openpyxl write-only; .ods %.1fx\n", a / b, a / c }'
