#!/bin/bash
# reject.t: nothing is lost (sg(7), Behaviour).  For every tool that takes
# --reject, on 200 random small tables (a fixed seed: the same tables on
# every run) mixing good rows with bad numbers, symbols, empty values,
# impossible and foreign dates (and, for sg-import, ragged rows):
#   - the tool exits 0 (with --reject no bad row is fatal);
#   - rows in = rows out + rows rejected;
#   - the reject file has the input's columns plus reason, and the
#     message on standard error gives the number set aside (none when
#     none were);
#   - for tools that keep the input's columns as they are (period, rate,
#     rag), the rows out and the rows rejected are, together, exactly the
#     rows in.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

NFILES=${REJECT_NFILES:-200}
HDR=$(printf 'kpi\tagency\tdate\tvalue\ttarget\tprev')

# gen DIR SEED RAGGED: NFILES random tables DIR/in.1.tsv ... (rows mixing
# good and bad values; with RAGGED=1 some rows are short or long).
gen() {
	mkdir -p "$1"
	awk -v dir="$1" -v seed="$2" -v ragged="$3" -v nfiles="$NFILES" \
	    -v hdr="$HDR" '
	function pick(s,   a, n) { n = split(s, a, "|"); return a[int(rand() * n) + 1] }
	function num(   r) {
		r = rand()
		if (r < 0.55) return int(rand() * 200) - 20
		if (r < 0.65) return sprintf("%.2f", rand() * 100)
		if (r < 0.75) return pick("x|z|c|low|")
		return pick("abc|1e5|12%|1,200| 5|NaN|0x10|-0|+3|5.|.5|N/A|*")
	}
	function date(   r, y, m, d) {
		r = rand()
		if (r < 0.7) {
			y = 2021 + int(rand() * 5); m = 1 + int(rand() * 12)
			d = 1 + int(rand() * 28)
			return sprintf("%04d-%02d-%02d", y, m, d)
		}
		return pick("31/02/2024|2023-13-01|2023-02-29||01/05/2023|x|2024-02-30|tomorrow")
	}
	BEGIN {
		srand(seed)
		for (f = 1; f <= nfiles; f++) {
			file = dir "/in." f ".tsv"
			print hdr >file
			n = int(rand() * 25)
			for (i = 0; i < n; i++) {
				row = sprintf("1.%d\t%s\t%s\t%s\t%s\t%s",
				    int(rand() * 5),
				    pick("Police|ICB|Council|Fire|Health Trust"),
				    date(), num(), num(), num())
				if (ragged && rand() < 0.15)
					row = rand() < 0.5 ? \
					    substr(row, 1, index(row, "\t") - 1) : \
					    row "\textra"
				print row >file
			}
			close(file)
		}
	}'
}

# verify DIR NAME KEEP: checks every run in DIR (in.I.tsv or in.I.csv,
# out.I.tsv, rej.I.tsv, err.I, rc.I) in one pass; prints one line per
# failure and, last, "TOTAL in rejected".
verify() {
	awk -v dir="$1" -v name="$2" -v keep="$3" -v nfiles="$NFILES" \
	    -v hdr="$HDR" '
	function lines(file, what,   n, l, k, f) {
		n = 0
		while ((getline l < file) > 0) {
			if (n++ == 0) { if (what == "rej") rejhdr = l; continue }
			if (keep && what != "") {
				split(l, f, "\t")
				k = f[1] "\t" f[2] "\t" f[3] "\t" f[4] "\t" f[5] "\t" f[6]
				bag[k] += what == "in" ? 1 : -1
			}
		}
		close(file)
		return n > 0 ? n - 1 : 0
	}
	BEGIN {
		for (i = 1; i <= nfiles; i++) {
			split("", bag)
			rejhdr = ""
			inf = dir "/in." i ".csv"
			if ((getline l < inf) <= 0) inf = dir "/in." i ".tsv"
			close(inf)
			nin = lines(inf, "in")
			nout = lines(dir "/out." i ".tsv", "out")
			nrej = lines(dir "/rej." i ".tsv", "rej")
			rc = ""; getline rc < (dir "/rc." i); close(dir "/rc." i)
			err = ""; said = ""
			while ((getline l < (dir "/err." i)) > 0) {
				err = err l " "
				if (match(l, /[0-9]+ rows? set aside/))
					said = substr(l, RSTART) + 0
			}
			close(dir "/err." i)
			why = ""
			if (rc != 0)
				why = "exit " rc ": " err
			else if (nout + nrej != nin)
				why = nin " rows in, " nout " out, " nrej " rejected"
			else if (nrej > 0 && rejhdr != hdr "\treason")
				why = "reject header: " rejhdr
			else if (nrej > 0 && said != nrej)
				why = nrej " rejected, stderr: " err
			else if (nrej == 0 && said != "" && said != 0)
				why = "none rejected, stderr: " err
			else if (keep)
				for (k in bag)
					if (bag[k] != 0) {
						why = "row out or rejected " bag[k] " times too few: " k
						break
					}
			if (why != "")
				printf "# %s table %d (%s): %s\n", name, i, inf, why
			tin += nin; trej += nrej
		}
		print "TOTAL", tin, trej
	}'
}

# property NAME KEEP CMD...: runs CMD --reject rej.I.tsv -o out.I.tsv
# in.I.tsv over every random table, then checks them all.
property() {
	local name=$1 keep=$2 i res total
	shift 2
	d=$TMP/$name
	[ -d "$d" ] || { mkdir -p "$d"; cp "$TMP"/tables/in.*.tsv "$d"/; }
	for i in $(seq "$NFILES"); do
		"$@" --reject "$d/rej.$i.tsv" -o "$d/out.$i.tsv" "$d/in.$i.tsv" \
		    2>"$d/err.$i"
		echo $? >"$d/rc.$i"
	done
	res=$(verify "$d" "$name" "$keep")
	total=$(printf '%s\n' "$res" | sed -n 's/^TOTAL //p')
	printf '%s\n' "$res" | grep '^#' | head -10
	is "$(printf '%s\n' "$res" | grep -c '^#')" 0 \
	    "$name: rows in = rows out + rows rejected on $NFILES random tables"
	# the property means something only if some rows went each way
	set -- $total
	ok "$( [ "$2" -gt 0 ] && [ "$2" -lt "$1" ]; echo $?)" \
	    "$name: $2 of $1 rows were rejected"
}

gen "$TMP/tables" 7000 0

property clean 0 sg-clean --number value,target,prev --date date
property period-fy 1 sg-period -d date --fy
property period-rolling 1 sg-period -d date --rolling 2024-03-31
property period-days 1 sg-period --days date,date
property rate 1 sg-rate --pct pct=value/target --change value,prev
property rag 1 sg-rag -v value -t target --prev prev
property rag-target-number 1 sg-rag -v value -t 80

# sg-import: CSV with ragged rows, which --reject sets aside.  (A value
# such as 1,200 becomes two CSV fields: a ragged row too.)
gen "$TMP/csv" 9000 1
for f in "$TMP"/csv/in.*.tsv; do
	tr '\t' , <"$f" >"${f%.tsv}.csv"
	rm "$f"
done
d=$TMP/csv
for i in $(seq "$NFILES"); do
	sg-import --reject "$d/rej.$i.tsv" -o "$d/out.$i.tsv" "$d/in.$i.csv" \
	    2>"$d/err.$i"
	echo $? >"$d/rc.$i"
done
res=$(verify "$d" import 0)
printf '%s\n' "$res" | grep '^#' | head -10
is "$(printf '%s\n' "$res" | grep -c '^#')" 0 \
    "import: rows in = rows out + rows rejected on $NFILES random CSV files"
set -- $(printf '%s\n' "$res" | sed -n 's/^TOTAL //p')
ok "$( [ "$2" -gt 0 ] && [ "$2" -lt "$1" ]; echo $?)" \
    "import: $2 of $1 rows were rejected"

done_testing
