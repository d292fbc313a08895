# 07 (pipelines): files keep their owner's intent; work directories do not
# outlive their run; one run at a time on an OUT.
runs_ok "a first run" "$P/police-rolling" -o out
chmod 600 out/police-missing.tsv
runs_ok "a second run" "$P/police-rolling" -o out
is "$(stat -c %a out/police-missing.tsv)" 600 "keeps a published file's mode 0600"
is "$(stat -c %a out/police-cse.tsv)" "$(printf '%o' $((0666 & ~$(umask))))" "and gives the others the umask"
runs_ok "a run under umask 077" bash -c "umask 077; exec '$P/police-rolling' -o new"
is "$(stat -c %a new/police-cse.tsv)" 600 "gives new files the umask"

# A work directory left by a killed run (its .pid names a dead process).
sleep 0 &
dead=$!
wait "$dead"
mkdir -m 700 out/.police-rolling.AbC123 out/.annual-report.XyZ789
echo "$dead" >out/.police-rolling.AbC123/.pid
echo child-level >out/.police-rolling.AbC123/missing.tsv
runs_ok "a run after a killed one" "$P/police-rolling" -o out
like "$err" "removed .police-rolling.AbC123, the work directory of a run that was killed" "says it removes its stale work directory"
is "$(ls -A out | grep -c '^\.[a-z-]*\.[A-Za-z0-9]\{6\}$')" 0 "and no work directory is left"

# SIGTERM mid-run removes the work directory.
"$P/annual-report" -o term 2>term.err &
pid=$!
wait_until 400 compgen -G 'term/.annual-report.*' >/dev/null
is "$(stat -c %a term/.annual-report.* 2>/dev/null)" 700 "the work directory is 0700"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM ends the run with 143"
is "$(ls -A term | grep -c '^\.annual-report\.')" 0 "and removes its work directory"

# SIGINT to the whole process group, as Ctrl-C sends it (with job control
# on, so the run is a group of its own and does not start with SIGINT
# ignored, as a shell's background jobs otherwise do).
if sig_ignored INT; then
	for what in "ends the run with 130" "still says so on standard error" \
	    "removes its work directory"; do
		skip "SIGINT $what" "SIGINT was ignored when the tests started (nohup, or a background job): the pipeline rightly keeps it ignored"
	done
else
	intr_rc=$(
		set -m
		"$P/annual-report" -o intr 2>intr.err &
		pid=$!
		for _ in $(seq 400); do
			ls -d intr/.annual-report.* >/dev/null 2>&1 && break
			sleep 0.05
		done
		sleep 0.2
		kill -INT -- -"$pid"
		wait "$pid"
		echo "$?"
	)
	is "$intr_rc" 130 "SIGINT ends the run with 130"
	like "$(cat intr.err)" "annual-report: FAILED \(exit 130\)" "and still says so on standard error"
	is "$(ls -A intr | grep -c '^\.annual-report\.')" 0 "and removes its work directory"
fi

# Two runs on one OUT: the second waits for the first.
exec 7>>out/.sg-lock
flock 7
( sleep 3; flock -u 7 ) &
holder=$!
runs_ok "a run while another holds the lock" "$P/police-rolling" -o out
like "$err" "police-rolling: waiting for the run that holds out/.sg-lock to end" "waits, and says so"
wait "$holder"
exec 7>&-
