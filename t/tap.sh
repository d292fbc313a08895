# tap.sh: helpers for the end-to-end TAP tests (bash).  Source it first:
#
#	. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
#
# Environment: SG_BUILD is the build directory (binaries in $SG_BUILD/tools),
# SG_SRC the source directory; both are set by `make check` and default to
# the directory above this file.  PATH gets $SG_BUILD/tools first, so tests
# call the tools by name.  Each test runs in a fresh temporary directory
# $TMP (removed at exit); $DATA is t/data, $SAMPLES is samples/.
#
#   ok COND_STATUS NAME          pass if the status given is 0:  ok $? "name"
#   is GOT WANT NAME             string equality
#   like GOT REGEX NAME          grep -E match
#   unlike GOT REGEX NAME
#   run CMD...                   runs CMD, sets $out (stdout), $err (stderr),
#                                $rc (exit status); never aborts the test
#   runs_ok NAME CMD...          run, then pass if rc is 0 (prints err if not)
#   fails_with RC REGEX NAME CMD...  run, pass if rc == RC and stderr
#                                matches REGEX
#   same_file GOT WANT NAME      byte-for-byte file comparison (diff shown)
#   skip NAME REASON             a skipped test
#   help_ok TOOL                 three tests: TOOL --help exits 0 and prints
#                                its usage, TOOL --version exits 0
#   png_ok FILE MIN NAME         pass if FILE is a PNG of more than MIN bytes
#   wait_until TRIES CMD...      runs CMD every 0.05 s until it succeeds, at
#                                most TRIES times; 1 if it never did
#   done_testing                 prints the plan and exits 1 if any failed
#
# $CHROMIUM is the headless browser on PATH (empty where there is none: skip
# the tests that need it); `browse ARGS...` runs it headless and offline,
# its profile in $TMP, for a minute at most, its chatter on stderr dropped.
set -u
SG_SRC=${SG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
SG_BUILD=${SG_BUILD:-$SG_SRC}
PATH="$SG_BUILD/tools:$PATH"
export PATH SG_SRC SG_BUILD
DATA="$SG_SRC/t/data"
SAMPLES="$SG_SRC/samples"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sgtest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export LC_ALL=C.UTF-8
_tap_n=0
_tap_failed=0

_tap_result() {	# PASS NAME
	_tap_n=$((_tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

ok() {
	_tap_result "$1" "$2"
}

is() {
	if [ "$1" = "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		printf '#   got:      %s\n' "$1" | head -40 | sed '2,$s/^/#   /'
		printf '#   expected: %s\n' "$2" | head -40 | sed '2,$s/^/#   /'
	fi
}

like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		printf '#   got: %s\n#   expected to match: %s\n' "$1" "$2" |
		    head -20
	fi
}

unlike() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		_tap_result 1 "$3"
		printf '#   got: %s\n#   expected not to match: %s\n' "$1" "$2" |
		    head -20
	else
		_tap_result 0 "$3"
	fi
}

run() {
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	rc=$?
	out=$(<"$TMP/.out")
	err=$(<"$TMP/.err")
}

runs_ok() {
	local name=$1
	shift
	run "$@"
	if [ "$rc" = 0 ]; then
		_tap_result 0 "$name"
	else
		_tap_result 1 "$name"
		printf '#   exit %s: %s\n' "$rc" "$err" | head -20
	fi
}

fails_with() {
	local want=$1 re=$2 name=$3
	shift 3
	run "$@"
	if [ "$rc" = "$want" ] && printf '%s' "$err" | grep -Eq -- "$re"; then
		_tap_result 0 "$name"
	else
		_tap_result 1 "$name"
		printf '#   exit %s (wanted %s), stderr: %s\n#   wanted stderr to match: %s\n' \
		    "$rc" "$want" "$err" "$re" | head -20
	fi
}

same_file() {
	if cmp -s "$1" "$2"; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diff -u "$2" "$1" 2>&1 | head -40 | sed 's/^/#   /'
	fi
}

help_ok() {
	runs_ok "--help exits 0" "$1" --help
	like "$out" "^usage: $1" "--help prints the usage"
	runs_ok "--version exits 0" "$1" --version
}

png_ok() {
	local size
	size=$(wc -c 2>/dev/null <"$1" || echo 0)
	[ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = \
	    89504e470d0a1a0a ] && [ "$size" -gt "$2" ]
	ok $? "$3 ($size bytes)"
}

wait_until() {
	local tries=$1
	shift
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.05
	done
}

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
browse() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$TMP/chromium" "$@" 2>/dev/null
}

skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

# sig_ignored SIG: true when SIG was ignored as this shell started (nohup,
# or a shell's background job): a shell cannot undo that, and the tools
# rightly keep it ignored, so a test that sends it must skip.
sig_ignored() {
	local n mask
	n=$(kill -l "$1") || return 1
	mask=$(awk '/^SigIgn:/ { print $2 }' "/proc/$$/status" 2>/dev/null)
	[ -n "$mask" ] && [ $(( (16#$mask >> (n - 1)) & 1 )) = 1 ]
}

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" = 0 ]
	exit $?
}
