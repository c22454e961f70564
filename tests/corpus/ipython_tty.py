"""Run an IPython session on a terminal, typing the lines of a script one
at a time, as a person does: IPython echoes each line after its prompt,
so the transcript holds "In [N]: %memit stmt" above the result (a session
piped into ipython3 echoes nothing).

Usage: python3 ipython_tty.py SCRIPT.ipy > TRANSCRIPT.log

The terminal is a pseudo-terminal with output post-processing off
(no "\\r\\n"), IPython runs with --simple-prompt; each line is typed once
the prompt "In [N]: " is shown, and "exit" ends the session.
"""
import os
import pty
import re
import select
import sys
import termios

IPYTHON = os.environ.get("IPYTHON", "/usr/bin/ipython3")
ARGS = [IPYTHON, "--simple-prompt", "--no-banner", "--colors=NoColor",
        "--TerminalInteractiveShell.term_title=False", "--HistoryManager.enabled=False"]
PROMPT = re.compile(rb"In \[(\d+)\]: $")


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines() + ["exit"]
    pid, fd = pty.fork()
    if pid == 0:
        attrs = termios.tcgetattr(0)
        attrs[1] &= ~termios.ONLCR
        termios.tcsetattr(0, termios.TCSANOW, attrs)
        os.execv(IPYTHON, ARGS)
    out = bytearray()
    typed = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            sys.exit("ipython_tty.py: no prompt for 60 s")
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
        if typed < len(lines) and PROMPT.search(out):
            os.write(fd, lines[typed].encode() + b"\n")
            typed += 1
    os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(out))


main()
