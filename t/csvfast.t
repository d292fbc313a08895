#!/bin/bash
# sg-import's block-at-a-time path for quoted CSV (lib/csvfast.c) against
# the libcsv path it stands in for (SG_CSV_PATH=libcsv): the same output,
# messages, exit status and --reject file, byte for byte, on every file of
# t/data, on generated quote-heavy CSV (from a file and through a pipe,
# so that records straddle reads) and on broken variants of it, in each
# SIMD width the processor has (SG_SIMD=scalar, sse2, avx2).
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

printf 'a,b\n"1",2\n' >probe.csv
widths=
for w in scalar sse2 avx2; do
	if SG_SIMD=$w sg-import probe.csv >/dev/null 2>&1; then
		widths="$widths $w"
	else
		skip "SG_SIMD=$w" "this processor lacks it"
	fi
done
like "$widths" scalar "the scalar width is always there"

# The fast path is the one taken: a width it cannot honour stops it, and
# SG_CSV_PATH=libcsv never asks.
fails_with 1 "SG_SIMD=mmx: want scalar, sse2 or avx2" \
    "SG_SIMD names a width (so the fast path reads quoted CSV)" \
    env SG_SIMD=mmx sg-import probe.csv
SG_CSV_PATH=libcsv SG_SIMD=mmx sg-import probe.csv >/dev/null 2>&1
ok $? "SG_CSV_PATH=libcsv reads quoted CSV through libcsv alone"
printf 'a,b\n1,2\n' >plain.csv
SG_SIMD=mmx sg-import plain.csv >/dev/null 2>&1
ok $? "lines without quotes never reach it"
fails_with 2 "SG_CSV_PATH: expected fast or libcsv, not 'csv'" \
    "SG_CSV_PATH takes libcsv or fast" env SG_CSV_PATH=csv sg-import probe.csv
SG_CSV_PATH=fast SG_SIMD=mmx sg-import probe.csv >/dev/null 2>&1
is $? 1 "SG_CSV_PATH=fast is the default"

# same_all ARGS...: sg-import ARGS through libcsv, then the fast path in
# each width: the same standard output, standard error, exit status and
# rej.tsv.  Prints what differs; returns 1 if anything does.
same_all() {
	local rc refrc w
	rm -f rej.tsv ref.rej
	SG_CSV_PATH=libcsv sg-import "$@" >ref.out 2>ref.err
	refrc=$?
	[ -f rej.tsv ] && mv rej.tsv ref.rej
	for w in $widths; do
		SG_SIMD=$w sg-import "$@" >got.out 2>got.err
		rc=$?
		if [ $rc != $refrc ] || ! cmp -s ref.out got.out ||
		    ! cmp -s ref.err got.err ||
		    { [ -f ref.rej ] && ! cmp -s ref.rej rej.tsv; }; then
			echo "# $w differs from libcsv: sg-import $*"
			echo "#   status $rc, libcsv $refrc; $(head -c 200 got.err)"
			return 1
		fi
		rm -f rej.tsv
	done
	return 0
}

# Every file of t/data, as it is and with the options that change rows:
# each path's outputs, messages, statuses and rejects into a directory of
# its own, and the directories compared.
files=$(cd "$DATA" && find . -type f | sort)
nfiles=$(printf '%s\n' "$files" | wc -l)
each_file() {	# DIR ARGS...: sg-import ARGS FILE for each file into DIR
	local dir=$1 i=0 f
	shift
	mkdir "$dir"
	while IFS= read -r f; do
		i=$((i + 1))
		sg-import "$@" "$DATA/$f" >"$dir/$i.out" 2>"$dir/$i.err"
		echo "$i $?" >>"$dir/status"
		[ -f rej.tsv ] && mv rej.tsv "$dir/$i.rej"
	done <<<"$files"
}
# Each width as it is; the widest (the default) with the options too.
k=0
for opts in "" "--pad --reject rej.tsv -a src=x\\y"; do
	k=$((k + 1))
	# shellcheck disable=SC2086
	SG_CSV_PATH=libcsv each_file ref$k $opts
	bad=
	ws=$widths
	[ $k = 2 ] && ws=${widths##* }
	for w in $ws; do
		# shellcheck disable=SC2086
		SG_SIMD=$w each_file $w$k $opts
		diff -r ref$k $w$k >diff.out || { bad="$bad $w"; head -5 diff.out | sed 's/^/# /'; }
	done
	is "$bad" "" "all $nfiles files of t/data the same through both paths (options: ${opts:-none}; widths:$ws)"
done
like "$(cat ref2/*.rej | wc -l)" '^[1-9]' "some files of t/data have rows set aside"

# Generated quote-heavy CSV, and its all-quoted variant: from a file and
# through a pipe (reads of any size, so records straddle them).
"$SG_SRC/bench/quoted-csv" -n 60000 >q.csv
"$SG_SRC/bench/quoted-csv" -a -n 60000 -s 7 >qa.csv
like "$(grep -c '""' q.csv)" '^[0-9]{3,}$' "the generated CSV has doubled quotes"
same_all q.csv
ok $? "quote-heavy CSV (60000 records): the same through both paths"
same_all qa.csv
ok $? "all-quoted CSV: the same through both paths"
sg-import q.csv >file.out
cat q.csv | sg-import >pipe.out
same_file pipe.out file.out "through a pipe as from the file"
is "$(wc -l <file.out)" 60001 "every record is a row"
same_all -a src=x --pad qa.csv
ok $? "--add and --pad: the same through both paths"

# Broken variants: the first bad record far down, after many the fast
# path takes; each must stop (or be set aside) where libcsv says.
head -c 3000000 q.csv >cut.csv
n=0
broken() {	# NAME TEXT: q.csv's first 20000 lines, TEXT, then 10 more
	n=$((n + 1))
	{ head -n 20000 q.csv; printf '%b' "$2"; sed -n '20001,20010p' q.csv; } >b$n.csv
	same_all b$n.csv
	ok $? "$1: the same message, line and status through both paths"
}
broken "text after a closing quote" '1,"a"b,"c","d","e",1,"f"\r\n'
broken "a space after a closing quote" '1,"a" ,"c","d","e",1,"f"\r\n'
broken "a quote inside a plain field" '1,a"b,"c","d","e",1,"f"\r\n'
broken "a NUL in a quoted field" '1,"a\0b","c","d","e",1,"f"\r\n'
broken "invalid UTF-8 on a record's second line" '1,"a\r\nb\xff","c","d","e",1,"f"\r\n'
broken "Windows-1252 text" '1,"caf\xe9","c","d","e",1,"f"\r\n'
broken "too few fields" '1,"a","c"\r\n'
broken "too many fields" '1,"a","b","c","d","e",1,"f"\r\n'
broken "an empty row" '"","","","","","",""\r\n'
broken "blank lines" '\r\n\n\r\n'
broken "a CR alone ends a line" '1,"a","c","d","e",1,"f"\r1,"a","c","d","e",1,"f"\r\n'
broken "an unclosed quote at the end" '1,"a\r\nb,"c","d","e",1,"f\r\n'
same_all --pad --reject rej.tsv b7.csv
ok $? "too few fields padded: the same through both paths"
same_all --reject rej.tsv b8.csv
ok $? "too many fields set aside: the same rejects through both paths"
same_all cut.csv
ok $? "a file cut inside a record: the same through both paths"
same_all -e cp1252 b6.csv
ok $? "--encoding cp1252: the same through both paths"
same_all --lax --reject rej.tsv b1.csv
ok $? "--lax, text after a closing quote: the same rows and rejects through both paths"
same_all --lax --reject rej.tsv b2.csv
ok $? "--lax, a space after a closing quote: the same through both paths"
same_all --lax --reject rej.tsv b12.csv
ok $? "--lax, an unclosed quote at the end: the same through both paths"
same_all --lax --reject rej.tsv cut.csv
ok $? "--lax, a file cut inside a record: the same through both paths"
{ head -n 30000 q.csv; printf '1,"open\r\n'; } >unclosed.csv
fails_with 1 "unclosed.csv:30001: date: unterminated quoted field" \
    "an unclosed quote at the end of the file names its line" \
    sg-import unclosed.csv

done_testing
