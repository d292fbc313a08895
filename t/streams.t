#!/bin/bash
# streams.t: input that is not a regular file (a pipe, a FIFO): read as
# it comes, gzip told by its first bytes and inflated member by member,
# the same errors as for a file, and output written line by line when the
# input is slow (a tool at the end of tail -f, or of a script that writes
# a line at a time).
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
BAD=$DATA/bad

# ---- the same stream from a file and from a pipe ------------------------
run sg-clean --number value "$BAD/good.tsv"
want=$out
run sg-clean --number value <(cat "$BAD/good.tsv")
is "$rc:$out" "0:$want" "a pipe gives what the file gives"
gzip -c "$BAD/good.tsv" >good.tsv.gz
run sg-clean --number value <(cat good.tsv.gz)
is "$rc:$out" "0:$want" "gzip through a pipe is told by its magic and inflated"

# Two gzip members, one after the other, are one stream (as gzip -d
# gives them); the second holds rows only.
head -n 3 "$BAD/good.tsv" | gzip -c >one.gz
tail -n +4 "$BAD/good.tsv" | gzip -c >two.gz
run sg-clean --number value <(cat one.gz two.gz)
is "$rc:$out" "0:$want" "gzip members one after another: one stream, through a pipe"
cat one.gz two.gz >both.gz
run sg-clean --number value both.gz
is "$rc:$out" "0:$want" "... and from a file"
# An empty member between them changes nothing.
: | gzip -c >empty.gz
run sg-clean --number value <(cat one.gz empty.gz two.gz)
is "$rc:$out" "0:$want" "an empty gzip member in between changes nothing"
# Bytes after the last member that do not begin another are ignored, from
# a file (zlib's gzread) and from a pipe alike.
{ cat good.tsv.gz; printf 'not gzip\n'; } >trailing.gz
run sg-clean --number value trailing.gz
filers="$rc:$out"
run sg-clean --number value <(cat trailing.gz)
is "$rc:$out" "$filers" "bytes after the last gzip member: a pipe does as a file"
is "$rc:$out" "0:$want" "... they are ignored"
# A pipe reads in small pieces: a 3 MB gzip stream, inflated piece by piece.
awk 'BEGIN { print "k\tv"; for (i = 0; i < 200000; i++) print "K" i "\t" i }' >big.tsv
gzip -c big.tsv >big.tsv.gz
run sg-clean --number v <(cat big.tsv.gz)
printf '%s\n' "$out" >big.out
same_file big.out big.tsv "200,000 rows of gzip through a pipe come out whole"

# ---- errors through a pipe: as for a file ----------------------------------
fails_with 1 "^sg-clean: [^:]*: truncated gzip data" \
    "a truncated gzip stream through a pipe: exit 1, says so" \
    sg-clean <(cat "$BAD/truncated.tsv.gz")
fails_with 1 "^sg-clean: [^:]*: corrupt gzip data" \
    "a corrupt gzip stream through a pipe: exit 1, says so" \
    sg-clean <(cat "$BAD/corrupt.tsv.gz")
fails_with 1 "^sg-clean: -: empty input: no header line" \
    "an empty pipe: exit 1, no header" sg-clean </dev/null
printf '\x1f' >one-byte
run sg-clean one-byte
filers="$rc:$out:${err#*: }"
run sg-clean <(cat one-byte)
is "$rc:$out:${err#*: }" "$filers" "a single byte that could begin gzip: not gzip, as from a file"
printf 'a\n' >two-bytes
run sg-clean <(cat two-bytes)
is "$rc:$out" "0:a" "a two-byte stream (a header)"
fails_with 1 "^sg-import: [^:]*: truncated gzip data" \
    "sg-import: a truncated gzip CSV through a pipe: exit 1, says so" \
    sg-import <(cat "$BAD/truncated.csv.gz")

# ---- line by line: a slow writer's rows come out as they arrive ----------
# The writer sends a header and one row, then waits (up to 20 s) until
# the reader at the end of the pipeline has seen that row before it sends
# the last one.  A tool that held its output until a block filled, or
# until the end, would make it wait the whole 20 s: then "late" is
# written and the test fails.
slow() {	# TOOL ARGS...: runs the tool at the end of a slow writer
	rm -f seen late
	{
		printf '%s\n' "$1"
		printf '%s\n' "$2"
		for i in $(seq 200); do [ -e seen ] && break; sleep 0.1; done
		[ -e seen ] || : >late
		printf '%s\n' "$3"
	} | "${@:4}" | {
		IFS= read -r head
		IFS= read -r first
		: >seen
		rest=$(cat)
		printf '%s|%s|%s' "$head" "$first" "$rest"
	}
}
out=$(slow "$(printf 'k\tv')" "$(printf 'a\t1,043')" "$(printf 'b\t2')" \
    sg-clean --number v)
is "$out" "$(printf 'k\tv|a\t1043|b\t2')" "sg-clean: the rows, cleaned"
ok "$([ ! -e late ]; echo $?)" "sg-clean writes a row as soon as it is read, not at the end"
out=$(slow 'k,v' 'a,"1,043"' 'b,2' sg-import)
is "$out" "$(printf 'k\tv|a\t1,043|b\t2')" "sg-import: the rows, as TSV"
ok "$([ ! -e late ]; echo $?)" "sg-import writes a row as soon as it is read"
out=$(slow "$(printf 'k\tv\tt')" "$(printf 'a\t9\t10')" "$(printf 'b\t5\t10')" \
    sg-rag -v v -t t)
like "$out" "^k	v	t	.*\|a	9	10	.*\|b	5	10	" "sg-rag: the rows, rated"
ok "$([ ! -e late ]; echo $?)" "sg-rag writes a row as soon as it is read"

# A quoted field whose lines arrive apart: the record is whole.
out=$({ printf 'k,v\nx,0\n"a\n'; sleep 0.3; printf 'b",1\n'; } | sg-import)
is "$out" "$(printf 'k\tv\nx\t0\na\\nb\t1')" \
    "sg-import: a quoted field split between two reads of a pipe comes out whole"

done_testing
