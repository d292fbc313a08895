#!/bin/bash
# cases.t: runs the golden cases in t/cases/TOOL/CASE/ (see t/cases/README).
#
# Each case is a directory: cmd (a shell command naming the tools), and
# optionally input (its standard input), expout, experr (expected standard
# output and error, empty when absent), status (expected exit status, 0 when
# absent) and todo (a known failure: its text is the reason).  The case runs
# in a copy of its directory, so cmd may name other files there and write
# files of its own.  One TAP test per case; a failure shows each difference.
#
#	bash t/cases.t [TOOL | TOOL/CASE]...	runs only those cases
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

CASES="$SG_SRC/t/cases"
export TZ=UTC

# The cases to run: every TOOL/CASE directory, or those named.
list=()
if [ $# -eq 0 ]; then
	set -- $(cd "$CASES" && ls -d */ | tr -d /)
fi
for sel in "$@"; do
	sel=${sel%/}
	if [ -f "$CASES/$sel/cmd" ]; then
		list+=("$sel")
		continue
	fi
	if [ ! -d "$CASES/$sel" ]; then
		_tap_result 1 "$sel: no such tool or case in t/cases"
		continue
	fi
	for d in "$CASES/$sel"/*/; do
		d=${d%/}
		list+=("$sel/${d##*/}")
	done
done

# diff_part WHAT GOT WANT: shows a difference, prefixed for TAP.
diff_part() {
	if ! cmp -s "$2" "$3"; then
		printf '#   %s differs (- expected, + got):\n' "$1"
		diff -u "$3" "$2" | tail -n +3 | head -40 | sed 's/^/#   /'
	fi
}

# same GOT WANT: whether file GOT holds what WANT does; WANT empty or
# absent is tested in the shell (most cases expect nothing on one of
# their two streams), the rest by cmp.
same() {
	if [ -z "$2" ] || [ ! -s "$2" ]; then
		[ ! -s "$1" ]
	else
		cmp -s "$1" "$2"
	fi
}

# Each case runs in its own copy of its directory: all are copied at once
# (a read-only tree, make distcheck's, gives a read-only copy: made
# writable), so a case costs the processes of its command and little more.
cp -R "$CASES" "$TMP/cases"
[ -w "$TMP/cases" ] || chmod -R u+w "$TMP/cases"
: >"$TMP/empty"
for c in "${list[@]}"; do
	src="$CASES/$c"
	if [ ! -f "$src/cmd" ]; then
		_tap_result 1 "$c: the case has no cmd file"
		continue
	fi
	w="$TMP/cases/$c"
	want_status=0
	[ -f "$src/status" ] && read -r want_status <"$src/status"
	want_status=${want_status// /}
	want_out= want_err=
	[ -f "$src/expout" ] && want_out="$src/expout"
	[ -f "$src/experr" ] && want_err="$src/experr"
	in=/dev/null
	[ -f "$src/input" ] && in="$w/input"
	(cd "$w" && exec bash -c "$(<cmd)" cases.t) \
	    <"$in" >"$TMP/got.out" 2>"$TMP/got.err"
	got_status=$?
	pass=0
	same "$TMP/got.out" "$want_out" || pass=1
	same "$TMP/got.err" "$want_err" || pass=1
	[ "$got_status" = "$want_status" ] || pass=1
	# The command names the test; a # in it would read as a TAP directive.
	read -r first <"$src/cmd"
	first=${first:0:200}
	name="$c: ${first//#/\\#}"
	if [ -f "$src/todo" ]; then
		# A known failure: reported, not counted (an unexpected pass
		# shows as XPASS under make check, so a fixed bug is noticed).
		_tap_n=$((_tap_n + 1))
		if [ "$pass" = 0 ]; then
			echo "ok $_tap_n - $name # TODO $(head -1 "$src/todo")"
		else
			echo "not ok $_tap_n - $name # TODO $(head -1 "$src/todo")"
		fi
	else
		_tap_result "$pass" "$name"
	fi
	if [ "$pass" != 0 ]; then
		diff_part stdout "$TMP/got.out" "${want_out:-$TMP/empty}"
		diff_part stderr "$TMP/got.err" "${want_err:-$TMP/empty}"
		[ "$got_status" = "$want_status" ] ||
		    printf '#   exit status %s, expected %s\n' \
		    "$got_status" "$want_status"
	fi
done

[ "${#list[@]}" -gt 0 ] || _tap_result 1 "t/cases holds cases"
done_testing
