#!/bin/bash
# faults.t: what every tool does when the world around it fails.
#
#  - Output to /dev/full: exit 1 with a "write error" message.
#  - A closed pipe (tool | head -1): exit 0, nothing on standard error.
#  - -o where no file can be made: exit 1 naming the file, nothing left
#    behind.  We run as root in CI, and root ignores permission bits, so
#    "a directory that is not writable" is made three ways that hold for
#    root too: a directory that does not exist, a path under a regular
#    file (x/y), and /proc (a file system that takes no new files).
#  - -o over a file of mode 600, 640 or 604 keeps that mode; a new -o
#    file gets 0666 less the umask (077, 027, 002).
#  - Killed halfway: a tool writing -o out.tsv from a slow input (a
#    FIFO) is killed; the previous out.tsv must be intact.  SIGTERM,
#    SIGINT and SIGHUP also leave no temporary file (lib/writer.c removes
#    it, then dies of the signal); SIGKILL cannot be caught and leaves
#    its .sg-tmp-* file beside the old output, which stays intact.
#  - Standard output appended to the input file (tool f >>f): refused
#    with a message, where it would read its own output for ever.
#  - A file changing while it is read: rows appended during the read.
#    The tool must neither crash nor loop; it reads the rows that are
#    there when it reaches the end of the file (so some or all of the
#    appended ones), and every record it writes is whole.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
BAD=$DATA/bad

TOOLS=${FAULTS_TOOLS:-import-tsv clean join agg period rate rag pivot pivot-longer
suppress check render chart synth}
. "$SG_SRC/t/tools.sh"


# A table big enough that no output fits a pipe's buffer: every agency
# is new, so grouping and pivoting give as many rows or columns.
awk 'BEGIN { OFS = "\t"; print "kpi", "agency", "date", "value", "target", "prev"
	for (i = 1; i <= 60000; i++)
		printf "1.%d\tA%d\t2023-%02d-%02d\t%d\t%d\t%d\n", i % 7, i,
		    i % 12 + 1, i % 28 + 1, i % 100, 80, i % 90 }' >big.tsv
nbig=60000

# A signal ignored when the test started (tap.sh's sig_ignored) is ignored
# by the tools too, and rightly kept so (lib/writer.c): those kills skip.

# input NAME SMALL|BIG: the input argument for the tool
input() {
	if [ "$1" = synth ]; then
		[ "$2" = big ] && echo 200000 || echo 3
	else
		[ "$2" = big ] && echo big.tsv || echo "$BAD/good.tsv"
	fi
}

for t in $TOOLS; do
	tool_cmd "$t"
	bin=${cmd[0]}

	# /dev/full
	timeout 20 "${cmd[@]}" "$(input "$t" small)" >/dev/full 2>err
	rc=$?
	is "$rc" 1 "$t: output to /dev/full exits 1"
	like "$(cat err)" "^$bin: .*(write error|No space)" \
	    "$t: output to /dev/full says so"

	# a closed pipe
	timeout 20 "${cmd[@]}" "$(input "$t" big)" 2>err | head -1 >/dev/null
	rc=${PIPESTATUS[0]}
	is "$rc" 0 "$t: a closed pipe ends it quietly, status 0"
	is "$(head -c 500 err)" "" "$t: a closed pipe: nothing on standard error"

	# -o where no file can be made
	touch afile
	for o in no/such/dir/out.tsv afile/out.tsv /proc/sg-out.tsv; do
		timeout 20 "${cmd[@]}" "$(input "$t" small)" -o "$o" \
		    >/dev/null 2>err
		rc=$?
		is "$rc" 1 "$t: -o $o exits 1"
		like "$(cat err)" "^$bin: .*${o//./\\.}.*(cannot|No such|Not a dir|denied|ermitted)" \
		    "$t: -o $o names the file"
	done
	ok "$( [ ! -e /proc/sg-out.tsv ] && [ ! -e afile/out.tsv ] &&
	    ! ls -A | grep -q sg-tmp; echo $?)" \
	    "$t: -o failures leave nothing behind"
	rm -f afile

	# -o keeps its owner's intent (lib/writer.c): an existing file keeps
	# its mode, a new one gets 0666 less the umask (issue 14, item 7).
	for m in 600 640 604; do
		printf 'previous\n' >mode.out && chmod "$m" mode.out
		timeout 20 "${cmd[@]}" "$(input "$t" small)" -o mode.out \
		    >/dev/null 2>err
		is "$?:$(stat -c %a mode.out)" "0:$m" \
		    "$t: -o over a file of mode $m keeps $m"
	done
	for u in 077 027 002; do
		rm -f mode.out
		( umask "$u"; timeout 20 "${cmd[@]}" "$(input "$t" small)" \
		    -o mode.out >/dev/null 2>err )
		is "$?:$(stat -c %a mode.out)" "0:$(printf '%o' $((0666 & ~0$u)))" \
		    "$t: -o makes a new file 0666 less the umask $u"
	done
	rm -f mode.out

	# killed halfway: the previous output stays, no temporary file.
	# Job control on, so that a background job does not ignore SIGINT.
	set -m
	for sig in TERM INT HUP KILL; do
		if sig_ignored "$sig"; then
			skip "$t: SIG$sig" "SIG$sig was ignored when the tests started (nohup, or a background job): the tools keep it ignored, as they should"
			continue
		fi
		rm -rf kill && mkdir kill
		printf 'previous\toutput\n' >kill/out.tsv
		if [ "$t" = synth ]; then
			"${cmd[@]}" 100000000 -o kill/out.tsv 2>kill/err &
			pid=$!
		else
			mkfifo kill/in
			# open read-write: never blocks, and holds the FIFO open
			# so the tool reads the header and rows, then waits
			# (tools that hold the table wait for the end).
			exec 7<>kill/in
			"${cmd[@]}" -o kill/out.tsv kill/in 2>kill/err &
			pid=$!
			timeout 5 head -c 1200000 big.tsv >&7
		fi
		# until the tool has started its output (at most 0.4 s: tools
		# that hold the table open their output at the end)
		for i in 1 2 3 4 5 6 7 8; do
			ls kill/.sg-tmp-* >/dev/null 2>&1 && break
			sleep 0.05
		done
		had=$(ls -A kill | grep -c '^\.sg-tmp-')
		kill -"$sig" "$pid" 2>/dev/null
		for i in $(seq 60); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		rc=$?
		[ "$t" != synth ] && exec 7>&-
		ok "$( [ "$rc" -gt 128 ]; echo $?)" "$t: killed by SIG$sig (status $rc)"
		is "$(cat kill/out.tsv)" "$(printf 'previous\toutput')" \
		    "$t: SIG$sig leaves the previous -o output intact"
		tmps=$(ls -A kill | grep -c '^\.sg-tmp-')
		if [ "$sig" = KILL ]; then
			ok "$( [ "$tmps" -le 1 ]; echo $?)" \
			    "$t: SIGKILL leaves at most its temporary file ($tmps; it cannot be caught)"
		else
			is "$tmps" 0 "$t: SIG$sig leaves no temporary file (had $had)"
		fi
	done
	set +m

	# standard output appended to the input: refused, not read for ever
	if [ "$t" != synth ]; then
		cp "$(input "$t" small)" self.tsv
		timeout 20 "${cmd[@]}" self.tsv >>self.tsv 2>err
		rc=$?
		is "$rc" 1 "$t: an input that is also standard output: exit 1, no loop"
		like "$(cat err)" "^$bin: self.tsv: is also standard output" \
		    "$t: an input that is also standard output: says so"
	fi

	# a file growing while it is read
	[ "$t" = synth ] && continue
	cp big.tsv grow.tsv
	# each batch in one write(), but a reader may still catch one
	# half-written: then the last record is short, a data error
	sed -n '2,3001p' big.tsv >batch
	( for i in $(seq 20); do cat batch >>grow.tsv; sleep 0.02; done ) &
	apid=$!
	timeout 20 "${cmd[@]}" grow.tsv >grow.out 2>err
	rc=$?
	wait "$apid"
	if [ "$rc" = 1 ]; then
		like "$(cat err)" "^$bin: grow.tsv:[0-9]+: " \
		    "$t: a file growing while it is read: caught a half-written row, said where"
		continue
	fi
	is "$rc" 0 "$t: a file growing while it is read: exit 0, no crash or loop"
	case $t in
	import-tsv|clean|join|period|rate|rag|check)
		# streaming tools: one record out for each record in
		n=$(($(wc -l <grow.out) - 1))
		ok "$( [ "$n" -ge "$nbig" ] && [ "$n" -le $((nbig + 60000)) ]; echo $?)" \
		    "$t: it read between the first $nbig rows and all of them ($n)"
		bad=$(awk -F'\t' 'NR == 1 { n = NF } NF != n' grow.out | wc -l)
		is "$bad" 0 "$t: every record written is whole" ;;
	esac
done

done_testing
