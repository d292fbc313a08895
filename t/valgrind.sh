#!/bin/bash
# valgrind.sh: runs the end-to-end tests (t/sg-*.t, t/pipelines.t,
# t/badinput.t, t/streams.t, t/reject.t, t/cases.t) with every tool under
# valgrind's memcheck, and fails on any valgrind error or leak.
#
#   SG_BUILD=BUILDDIR bash t/valgrind.sh [TEST...]
#
# BUILDDIR is a built tree (the tools in BUILDDIR/tools).  The tests find
# their tools through $SG_BUILD/tools, so we give them a stand-in build
# directory, BUILDDIR/valgrind/build, whose tools/ holds one wrapper per
# tool that runs it under
#   valgrind -q --error-exitcode=99 --leak-check=full
#       --show-leak-kinds=definite,indirect --suppressions=t/valgrind.supp
# (its other entries link to the real tree).  A memory error makes the
# tool exit 99, which its test sees as a failure; and since a test may
# not look at every exit status, every valgrind report is also kept in
# BUILDDIR/valgrind/logs/, and any memory error there fails this script.
#
# Leaks: a definite or indirect leak when the tool ends normally (exit
# 0, output not to a pipe) fails this script.  A tool that stops on bad
# data or a bad command line calls exit() from deep inside (sg_die), and
# one whose reader closes the pipe _exit()s quietly with status 0 (lib's
# writer); whatever main() held is then reported as lost when the
# compiler kept its pointer only in a register.  Those reports are
# listed as notes, not failures (they are not leaks: the process is
# ending).  So the wrappers use --errors-for-leak-kinds=none, record the
# exit status and whether standard output was a pipe, and this script
# sorts the reports.
#
# Results are TAP, through build-aux/tap-driver.sh, as
# BUILDDIR/valgrind/NAME.log and NAME.trs (which .ci/run counts);
# valgrind-reports.trs holds one result per valgrind report that fails.
#
# t/faults.t is left to the ordinary and sanitizer runs: its kills wait
# a fraction of a second for a tool to start, which valgrind's start-up
# outlasts.  t/reject.t runs on 20 random tables, not 200 (each run
# starts valgrind).  VALGRIND_TIMEOUT (default 900 s) bounds each test.
# (One brace group, read whole before it runs: editing this file during
# a run does not disturb the run.)
{
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${SG_BUILD:?set SG_BUILD to a built tree}
build=$(cd "$build" && pwd)
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not found" >&2; exit 1; }
[ -x "$build/tools/sg-import" ] || { echo "valgrind.sh: no tools in $build/tools" >&2; exit 1; }

# Tests that valgrind itself cannot run (one points TMPDIR at a missing
# directory, where valgrind cannot make its own files) skip on this.
export SG_UNDER_VALGRIND=1
vg=$build/valgrind
rm -rf "$vg"
mkdir -p "$vg/build/tools" "$vg/logs"
for f in "$build"/*; do
	case $(basename "$f") in tools|valgrind) continue ;; esac
	ln -s "$f" "$vg/build/$(basename "$f")"
done
for t in "$build"/tools/sg-*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case $t in *.o) continue ;; esac
	n=$(basename "$t")
	cat >"$vg/build/tools/$n" <<EOF
#!/bin/sh
log="$vg/logs/$n.\$\$.log"
valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=none --show-leak-kinds=definite,indirect \\
    --suppressions="$src/t/valgrind.supp" \\
    --log-file="\$log" "$t" "\$@"
rc=\$?
out=file
[ -p /dev/stdout ] && out=pipe
[ -s "\$log" ] && printf '%s\n' "\$rc" "\$PWD: $n \$*" "\$out" >"\$log.rc"
exit \$rc
EOF
	chmod +x "$vg/build/tools/$n"
done

if [ $# -gt 0 ]; then
	tests=("$@")
else
	tests=("$src"/t/sg-*.t "$src"/t/pipelines.t "$src"/t/badinput.t \
	    "$src"/t/streams.t "$src"/t/reject.t "$src"/t/cases.t)
fi
fail=0
for t in "${tests[@]}"; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .t)
	echo "valgrind: $n" >&2
	SG_SRC=$src SG_BUILD=$vg/build REJECT_NFILES=20 BADINPUT_TIMEOUT=300 \
	    timeout "${VALGRIND_TIMEOUT:-900}" \
	    env AM_TAP_AWK=awk bash "$src/build-aux/tap-driver.sh" \
	    --test-name "$n" --log-file "$vg/$n.log" --trs-file "$vg/$n.trs" \
	    --color-tests no --enable-hard-errors yes --expect-failure no -- \
	    bash "$t"
	if [ ! -f "$vg/$n.trs" ] || grep -q '^:test-result: \(FAIL\|ERROR\|XPASS\)' "$vg/$n.trs"; then
		fail=1
		echo "valgrind: $n failed" >&2
		grep -B1 -A6 '^not ok' "$vg/$n.log" | head -40 >&2
	fi
done

# Every valgrind report, whatever the test made of the exit status:
# memory errors always fail; leaks fail when the tool exited 0.
find "$vg/logs" -type f -empty -delete
: >"$vg/valgrind-reports.trs"
for l in "$vg"/logs/*.log; do
	[ -s "$l" ] || continue
	rc=$(head -1 "$l.rc" 2>/dev/null)
	kind=$(awk 'NR == 1 || prev ~ /^==[0-9]+== *$/ {
			if ($0 ~ /(definitely|indirectly) lost in loss record/) leak = 1
			else if ($0 !~ /^==[0-9]+== *$/) other = 1 }
		{ prev = $0 }
		END { print other ? "error" : leak ? "leak" : "none" }' "$l")
	out=$(sed -n 3p "$l.rc" 2>/dev/null)
	if [ "$kind" = error ] || { [ "$kind" = leak ] && [ "$rc" = 0 ] &&
	    [ "$out" != pipe ]; }; then
		fail=1
		echo ":test-result: FAIL $(basename "$l" .log) (exit $rc): $kind" \
		    >>"$vg/valgrind-reports.trs"
		echo "--- $l (exit $rc)" >&2
		sed -n 2p "$l.rc" | cut -c1-300 >&2
		head -40 "$l" >&2
	else
		echo "valgrind: note: $(basename "$l" .log) exited $rc (output to a $out) holding memory" >&2
	fi
done
[ -s "$vg/valgrind-reports.trs" ] ||
	echo ":test-result: PASS no valgrind errors or leaks" >>"$vg/valgrind-reports.trs"
echo ":global-test-result: $(grep -q FAIL "$vg/valgrind-reports.trs" && echo FAIL || echo PASS)" \
    >>"$vg/valgrind-reports.trs"
echo ":recheck: no" >>"$vg/valgrind-reports.trs"
echo ":copy-in-global-log: no" >>"$vg/valgrind-reports.trs"

pass=$(cat "$vg"/*.trs | grep -c '^:test-result: \(PASS\|XFAIL\|SKIP\)')
bad=$(cat "$vg"/*.trs | grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)')
echo "valgrind: $pass passed, $bad failed"
exit $fail
}
