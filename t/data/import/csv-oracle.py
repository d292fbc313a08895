#!/usr/bin/env python3
"""Differential test for sg-import: random RFC 4180 CSV (quotes, commas,
CR, LF, TAB, backslash, UTF-8; LF, CRLF or CR line ends; with or without a
last line end) against the stream it must give, computed here from the
rows that were written.  Usage: csv-oracle.py SG-IMPORT ITERATIONS.
Prints "ok N" or the first failing case; exits 1 on failure."""
import random
import subprocess
import sys


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))


def main():
    tool, iterations = sys.argv[1], int(sys.argv[2])
    odd = ['a', 'Z', '1', ' ', ',', '"', '\n', '\r', '\t', '\\', 'é', '€',
           '😀', 'x' * 20]
    plain = ['a', 'b', 'c', '1', '2', ' ']
    for it in range(iterations):
        rnd = random.Random(it)
        ncol = rnd.randint(1, 6)
        rows = [['h%d' % i for i in range(ncol)]]
        for _ in range(rnd.randint(0, 60)):
            rows.append([''.join(rnd.choice(odd if rnd.random() < 0.3
                                            else plain)
                                 for _ in range(rnd.choice(
                                     [0, 1, 1, 3, 8, 30, 200])))
                         for _ in range(ncol)])
        term = rnd.choice(['\n', '\r\n', '\r'])
        qall = rnd.random() < 0.2

        def q(f):
            if qall or any(c in f for c in ',"\r\n') or rnd.random() < 0.05:
                return '"' + f.replace('"', '""') + '"'
            return f
        text = ''.join(','.join(q(f) for f in row) + term for row in rows)
        if rnd.random() < 0.3:
            text = text[:-len(term)]
        want = ''.join('\t'.join(esc(f) for f in row) + '\n'
                       for row in rows if any(row)).encode()
        p = subprocess.run([tool], input=text.encode(), capture_output=True)
        if p.returncode != 0 or p.stdout != want:
            print('case %d: exit %d: %r' % (it, p.returncode, p.stderr[:200]))
            print('input: %r' % text[:400])
            sys.exit(1)
    print('ok %d' % iterations)


main()
