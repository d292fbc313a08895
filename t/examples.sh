# examples.sh: runs a man page's EXAMPLES as written.  Sourced after
# tap.sh.
#
#   example N PAGE   runs the Nth .Bd block of the EXAMPLES section of
#                    man/PAGE (with \e read as a backslash) in bash, from
#                    the source directory; sets $out, $err and $rc as run
#                    does.
example() {
	local code
	code=$(awk -v n="$1" '/^\.Sh EXAMPLES/ { e = 1 } e && /^\.Bd/ { b = ++k == n; next }
	    /^\.Ed/ { b = 0 } e && b' "$SG_SRC/man/$2" | sed 's/\\e/\\/g')
	[ -n "$code" ] || { rc=2 out= err="no example $1 in $2"; return; }
	run bash -c "cd '$SG_SRC' && $code"
}
